// Test support for central's store: temp dirs, events with every field set, raw SQL on a
// database file, and dropping root's permission bypass so chmod means something.
#pragma once

#include <linux/capability.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "central/store/event.h"
#include "central/store/sqlite_store.h"

namespace costgate::central::store_testing {

// A fresh directory under the system temp dir, removed (write permission restored) at the end of
// the scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// An event with every field set to a distinct, recognisable value.
Event MakeEvent(const std::string& event_id);

// Opens `path` with synchronous NORMAL, failing the test (and returning null) on an error.
std::unique_ptr<SqliteStore> OpenStore(const std::string& path);

// Every row of `sql` on the file, each column by name; NULL is nullopt, numbers as decimal text.
using Row = std::map<std::string, std::optional<std::string>>;
std::vector<Row> Query(const std::string& db_path, const std::string& sql);
void Execute(const std::string& db_path, const std::string& sql);  // creates the file if needed

// Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the calling thread's effective set for the
// scope, so file modes apply even when tests run as root. A no-op for an unprivileged user.
class ScopedFileModesApply {
 public:
  ScopedFileModesApply();
  ~ScopedFileModesApply();
  ScopedFileModesApply(const ScopedFileModesApply&) = delete;
  ScopedFileModesApply& operator=(const ScopedFileModesApply&) = delete;

 private:
  __user_cap_data_struct saved_[2] = {};
};

}  // namespace costgate::central::store_testing
