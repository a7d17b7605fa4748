// Test support for the outbox: temp dirs, receipts, reading the database back, and dropping
// root's permission bypass so chmod means something.
#pragma once

#include <linux/capability.h>
#include <sys/resource.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "filters/receipt.h"

namespace costgate::daemon::outbox::testing {

// A fresh directory under the system temp dir, removed (with write permission restored) at the
// end of the scope.
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

// A receipt with every field set to a distinct, recognisable value.
filters::Receipt MakeReceipt(const std::string& event_id);

// Config for `path` with a flush interval long enough that only Flush(), Stop() or a full batch
// makes the writer commit.
config::ReceiptsConfig TestConfig(const std::string& path);

// Every row of `sql`, each column by name; NULL is nullopt, numbers as their decimal text.
using Row = std::map<std::string, std::optional<std::string>>;
std::vector<Row> Query(const std::string& db_path, const std::string& sql);
// Rows in the receipts table (intents included).
size_t CountRows(const std::string& db_path);
void Execute(const std::string& db_path, const std::string& sql);  // creates the file if needed

// Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the calling thread's effective set for the
// scope, so file modes apply even when tests run as root. Threads started inside the scope
// (the writer thread) inherit the reduced set. A no-op for an unprivileged user.
class ScopedFileModesApply {
 public:
  ScopedFileModesApply();
  ~ScopedFileModesApply();
  ScopedFileModesApply(const ScopedFileModesApply&) = delete;
  ScopedFileModesApply& operator=(const ScopedFileModesApply&) = delete;

 private:
  __user_cap_data_struct saved_[2] = {};
};

// Sets this process's file size limit (RLIMIT_FSIZE) to zero for the scope, with SIGXFSZ
// ignored: every write that would grow a regular file fails with EFBIG, as on a full disk.
// Log through a pipe meanwhile (a memfd or file would be refused too).
class ScopedDiskFull {
 public:
  ScopedDiskFull();
  ~ScopedDiskFull();
  ScopedDiskFull(const ScopedDiskFull&) = delete;
  ScopedDiskFull& operator=(const ScopedDiskFull&) = delete;

 private:
  rlimit saved_limit_ = {};
  void (*saved_handler_)(int) = nullptr;
};

// The read end of a pipe a Logger can write to.
class LogPipe {
 public:
  LogPipe();
  ~LogPipe();
  int write_fd() const { return fds_[1]; }
  std::string Read();  // everything written so far

 private:
  int fds_[2] = {-1, -1};
  std::string text_;
};

}  // namespace costgate::daemon::outbox::testing
