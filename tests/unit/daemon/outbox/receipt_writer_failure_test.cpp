// The outbox under a sick disk: errors are values, receipts wait in memory (bounded), and the
// writer recovers by itself once the disk is usable again.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "daemon/log/logger.h"
#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox {
namespace {

using testing::CountRows;
using testing::LogPipe;
using testing::MakeReceipt;
using testing::Query;
using testing::ScopedFileModesApply;
using testing::TempDir;
using testing::TestConfig;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Creates the database with its schema, then closes it.
void CreateDatabase(const std::string& path) {
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
}

TEST(ReceiptWriterFailure, OpenReportsAPathThatCannotBeCreated) {
  ReceiptWriter writer;
  const auto error = writer.Open(TestConfig("/nonexistent-costgate-dir/r.db"));
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(Contains(*error, "unable to open database file")) << *error;
  EXPECT_TRUE(Contains(*error, "/nonexistent-costgate-dir/r.db")) << *error;
}

TEST(ReceiptWriterFailure, ADamagedFileIsMovedAsideAndANewDatabaseTakesReceipts) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  const std::string garbage = "this is not an sqlite database, just some text long enough......\n";
  std::ofstream(path) << garbage;
  LogPipe log_pipe;
  log::Logger logger(log_pipe.write_fd());
  ReceiptWriter writer(logger);
  EXPECT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Submit(MakeReceipt("after"));
  writer.Flush();
  EXPECT_EQ(CountRows(path), 1u);
  EXPECT_EQ(writer.stats().quarantined.load(), 1u);
  EXPECT_EQ(writer.stats().failing.load(), 0u);
  std::vector<std::string> aside;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    if (entry.path().filename().string().starts_with("r.db.damaged-")) {
      aside.push_back(entry.path().string());
    }
  }
  ASSERT_EQ(aside.size(), 1u);
  std::ifstream kept(aside[0]);
  std::string first_line;
  std::getline(kept, first_line);
  EXPECT_EQ(first_line + "\n", garbage);
  const std::string log = log_pipe.Read();
  EXPECT_TRUE(Contains(log, "receipts database is damaged")) << log;
  EXPECT_TRUE(Contains(log, "file is not a database")) << log;
}

TEST(ReceiptWriterFailure, UnopenableDatabaseKeepsReceiptsAndWritesThemOnceItOpens) {
  TempDir dir;
  const std::string path = dir.File("later/r.db");
  ReceiptWriter writer;
  const auto error = writer.Open(TestConfig(path));
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(Contains(*error, "unable to open database file")) << *error;
  EXPECT_EQ(writer.stats().failing.load(), 1u);
  writer.Submit(MakeReceipt("waiting"));
  writer.Flush();
  EXPECT_EQ(writer.stats().queue_depth.load(), 1u);
  std::filesystem::create_directory(dir.File("later"));
  writer.Flush();
  EXPECT_EQ(CountRows(path), 1u);
  EXPECT_EQ(writer.stats().failing.load(), 0u);
  EXPECT_EQ(writer.stats().queue_depth.load(), 0u);
}

TEST(ReceiptWriterFailure, OpenReportsASchemaFromANewerDaemon) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  testing::Execute(path, "PRAGMA user_version = 4");
  ReceiptWriter writer;
  const auto error = writer.Open(TestConfig(path));
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(Contains(*error, "schema version 4 is newer")) << *error;
}

TEST(ReceiptWriterFailure, ReadOnlyDatabaseCountsWriteErrorsAndKeepsTheReceipts) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  CreateDatabase(path);
  ASSERT_EQ(chmod(path.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  LogPipe log_pipe;
  log::Logger logger(log_pipe.write_fd());
  ReceiptWriter writer(logger);
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  for (int i = 0; i < 3; ++i) {
    writer.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer.Flush();
  EXPECT_GE(writer.stats().write_errors, 1u);
  EXPECT_EQ(writer.stats().written, 0u);
  EXPECT_EQ(writer.stats().queue_depth, 3u);
}

TEST(ReceiptWriterFailure, LogsAFailedCommitAtWarnWithSqlitesMessage) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  CreateDatabase(path);
  ASSERT_EQ(chmod(path.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  LogPipe log_pipe;
  log::Logger logger(log_pipe.write_fd());
  ReceiptWriter writer(logger);
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Submit(MakeReceipt("id-1"));
  writer.Flush();
  const std::string log = log_pipe.Read();
  EXPECT_TRUE(Contains(log, R"("level":"warn","msg":"receipt commit failed; will retry")")) << log;
  EXPECT_TRUE(Contains(log, "attempt to write a readonly database")) << log;
}

TEST(ReceiptWriterFailure, RecoversWhenTheDatabaseIsWritableAgain) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  CreateDatabase(path);
  ASSERT_EQ(chmod(path.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  LogPipe log_pipe;
  log::Logger logger(log_pipe.write_fd());
  ReceiptWriter writer(logger);
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  for (int i = 0; i < 3; ++i) {
    writer.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer.Flush();
  ASSERT_EQ(writer.stats().written, 0u);

  // SQLite made -wal and -shm with the database's mode, so the fix is `chmod 644 r.db*`.
  for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
    ASSERT_EQ(chmod(file.path().c_str(), 0644), 0) << file.path();
  }
  writer.Flush();
  EXPECT_EQ(writer.stats().written, 3u);
  EXPECT_EQ(writer.stats().queue_depth, 0u);
  EXPECT_EQ(Query(path, "SELECT count(*) AS n FROM receipts")[0]["n"], "3");
}

TEST(ReceiptWriterFailure, KeepsReceiptsThroughAFullDiskAndWritesThemAfterwards) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  LogPipe log_pipe;
  log::Logger logger(log_pipe.write_fd());
  ReceiptWriter writer(logger);
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Submit(MakeReceipt("before"));
  writer.Flush();
  ASSERT_EQ(writer.stats().written, 1u);
  {
    testing::ScopedDiskFull disk_full;
    writer.Submit(MakeReceipt("during-1"));
    writer.Submit(MakeReceipt("during-2"));
    writer.Flush();
    EXPECT_GE(writer.stats().write_errors, 1u);
    EXPECT_EQ(writer.stats().written, 1u);
    EXPECT_EQ(writer.stats().queue_depth, 2u);
  }
  writer.Flush();
  EXPECT_EQ(writer.stats().written, 3u);
  EXPECT_EQ(writer.stats().queue_depth, 0u);
  writer.Stop();
  EXPECT_EQ(Query(path, "SELECT count(*) AS n FROM receipts")[0]["n"], "3");
  EXPECT_TRUE(Contains(log_pipe.Read(), "disk I/O error"));
}

TEST(ReceiptWriterFailure, BoundsTheReceiptsKeptWhileTheDiskFails) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  CreateDatabase(path);
  ASSERT_EQ(chmod(path.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  LogPipe log_pipe;
  log::Logger logger(log_pipe.write_fd());
  ReceiptWriter writer(logger);
  config::ReceiptsConfig config = TestConfig(path);
  config.queue_max = 3;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  for (int i = 0; i < 3; ++i) {
    writer.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer.Flush();  // fails: the three stay in memory
  writer.Submit(MakeReceipt("id-3"));
  EXPECT_EQ(writer.stats().dropped, 1u);
  EXPECT_EQ(writer.stats().queue_depth, 3u);
}

TEST(ReceiptWriterFailure, StopCountsReceiptsItCouldNotWriteAsDropped) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  CreateDatabase(path);
  ASSERT_EQ(chmod(path.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  LogPipe log_pipe;
  log::Logger logger(log_pipe.write_fd());
  ReceiptWriter writer(logger);
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Submit(MakeReceipt("id-1"));
  writer.Submit(MakeReceipt("id-2"));
  writer.Stop();
  EXPECT_EQ(writer.stats().dropped, 2u);
  EXPECT_EQ(writer.stats().queue_depth, 0u);
  EXPECT_TRUE(Contains(log_pipe.Read(), R"("level":"error","msg":"receipts lost at shutdown)"));
}

TEST(ReceiptWriterFailure, OpenReportsADirectoryWhereTheWalCannotBeCreated) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  CreateDatabase(path);
  ASSERT_EQ(chmod(dir.path().c_str(), 0555), 0);
  ScopedFileModesApply file_modes_apply;
  ReceiptWriter writer;
  const auto error = writer.Open(TestConfig(path));
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(Contains(*error, "enable WAL: attempt to write a readonly database")) << *error;
}

}  // namespace
}  // namespace costgate::daemon::outbox
