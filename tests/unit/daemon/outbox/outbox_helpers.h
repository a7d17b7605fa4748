// Test support for the outbox: receipts, a writer on a fresh database file, reading the database
// back, and disks that fail. Temp dirs, raw SQL and file modes that apply to root come from
// tests/support.
//
// The outbox tests live in this namespace, so these helpers need no using-declarations there.
#pragma once

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cstdint>
#include <string>

#include "config/config.h"
#include "daemon/log/logger.h"
#include "daemon/outbox/receipt_writer.h"
#include "filters/receipt.h"
#include "tests/support/file_modes.h"
#include "tests/support/sqlite_rows.h"
#include "tests/support/temp_dir.h"

namespace costgate::daemon::outbox::testing {

using test_support::ExecuteSql;
using test_support::QueryRows;
using test_support::ScopedFileModesApply;
using test_support::SqlRow;
using test_support::TempDir;

inline constexpr int64_t kHourMs = 3'600'000;
// Shipping times in the future, so that the writer's own retention (wall clock) never deletes the
// rows: only DeleteExpired with a test's "now" does.
inline constexpr int64_t kShippedMs = 4'000'000'000'000;

// A receipt with every field set to a distinct, recognisable value.
filters::Receipt MakeReceipt(const std::string& event_id);

// Expects every field of `actual` to equal that of `expected`, one expectation per field so that
// a failure names the field.
void ExpectSameReceipt(const filters::Receipt& actual, const filters::Receipt& expected);

// Config for `path` with a flush interval long enough that only Flush(), Stop() or a full batch
// makes the writer commit.
config::ReceiptsConfig TestConfig(const std::string& path);

// Rows in the receipts table (intents included).
size_t CountRows(const std::string& db_path);

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

// A fresh database path in its own temp dir, its TestConfig, and a writer for it logging into a
// pipe, not opened yet: each test opens writer_ with config_ once it has changed what it is about,
// so the settings a test depends on stay in the test.
class WriterTest : public ::testing::Test {
 protected:
  TempDir dir_;
  const std::string path_ = dir_.File("r.db");
  config::ReceiptsConfig config_ = TestConfig(path_);
  LogPipe log_pipe_;
  log::Logger logger_{log_pipe_.write_fd()};
  ReceiptWriter writer_{logger_};  // declared last: stopped before its log and directory go
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

}  // namespace costgate::daemon::outbox::testing
