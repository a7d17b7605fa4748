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
#include "daemon/outbox/receipt_db.h"
#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Creates the database with its schema, then closes it.
void CreateDatabase(const std::string& path) {
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
}

class ReceiptWriterFailure : public WriterTest {};

TEST_F(ReceiptWriterFailure, OpenReportsAPathThatCannotBeCreated) {
  config_.path = "/nonexistent-costgate-dir/r.db";
  const auto error = writer_.Open(config_);
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(Contains(*error, "unable to open database file")) << *error;
  EXPECT_TRUE(Contains(*error, "/nonexistent-costgate-dir/r.db")) << *error;
}

TEST_F(ReceiptWriterFailure, ADamagedFileIsMovedAsideAndANewDatabaseTakesReceipts) {
  const std::string garbage = "this is not an sqlite database, just some text long enough......\n";
  std::ofstream(path_) << garbage;
  EXPECT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("after"));
  writer_.Flush();
  EXPECT_EQ(CountRows(path_), 1u);
  EXPECT_EQ(writer_.stats().quarantined.load(), 1u);
  EXPECT_EQ(writer_.stats().failing.load(), 0u);
  std::vector<std::string> aside;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    if (entry.path().filename().string().starts_with("r.db.damaged-")) {
      aside.push_back(entry.path().string());
    }
  }
  ASSERT_EQ(aside.size(), 1u);
  std::ifstream kept(aside[0]);
  std::string first_line;
  std::getline(kept, first_line);
  EXPECT_EQ(first_line + "\n", garbage);
  const std::string log = log_pipe_.Read();
  EXPECT_TRUE(Contains(log, "receipts database is damaged")) << log;
  EXPECT_TRUE(Contains(log, "file is not a database")) << log;
}

TEST_F(ReceiptWriterFailure, UnopenableDatabaseKeepsReceiptsAndWritesThemOnceItOpens) {
  config_.path = dir_.File("later/r.db");
  const auto error = writer_.Open(config_);
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(Contains(*error, "unable to open database file")) << *error;
  EXPECT_EQ(writer_.stats().failing.load(), 1u);
  writer_.Submit(MakeReceipt("waiting"));
  writer_.Flush();
  EXPECT_EQ(writer_.stats().queue_depth.load(), 1u);
  std::filesystem::create_directory(dir_.File("later"));
  writer_.Flush();
  EXPECT_EQ(CountRows(config_.path), 1u);
  EXPECT_EQ(writer_.stats().failing.load(), 0u);
  EXPECT_EQ(writer_.stats().queue_depth.load(), 0u);
}

TEST_F(ReceiptWriterFailure, OpenReportsASchemaFromANewerDaemon) {
  const std::string newer = std::to_string(kReceiptsSchemaVersion + 1);
  ExecuteSql(path_, "PRAGMA user_version = " + newer);
  const auto error = writer_.Open(config_);
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(Contains(*error, "schema version " + newer + " is newer")) << *error;
}

TEST_F(ReceiptWriterFailure, ReadOnlyDatabaseCountsWriteErrorsAndKeepsTheReceipts) {
  CreateDatabase(path_);
  ASSERT_EQ(chmod(path_.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  for (int i = 0; i < 3; ++i) {
    writer_.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer_.Flush();
  EXPECT_GE(writer_.stats().write_errors, 1u);
  EXPECT_EQ(writer_.stats().written, 0u);
  EXPECT_EQ(writer_.stats().queue_depth, 3u);
}

TEST_F(ReceiptWriterFailure, LogsAFailedCommitAtWarnWithSqlitesMessage) {
  CreateDatabase(path_);
  ASSERT_EQ(chmod(path_.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("id-1"));
  writer_.Flush();
  const std::string log = log_pipe_.Read();
  EXPECT_TRUE(Contains(log, R"("level":"warn","msg":"receipt commit failed; will retry")")) << log;
  EXPECT_TRUE(Contains(log, "attempt to write a readonly database")) << log;
}

TEST_F(ReceiptWriterFailure, RecoversWhenTheDatabaseIsWritableAgain) {
  CreateDatabase(path_);
  ASSERT_EQ(chmod(path_.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  for (int i = 0; i < 3; ++i) {
    writer_.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer_.Flush();
  ASSERT_EQ(writer_.stats().written, 0u);

  // SQLite made -wal and -shm with the database's mode, so the fix is `chmod 644 r.db*`.
  for (const auto& file : std::filesystem::directory_iterator(dir_.path())) {
    ASSERT_EQ(chmod(file.path().c_str(), 0644), 0) << file.path();
  }
  writer_.Flush();
  EXPECT_EQ(writer_.stats().written, 3u);
  EXPECT_EQ(writer_.stats().queue_depth, 0u);
  EXPECT_EQ(QueryRows(path_, "SELECT count(*) AS n FROM receipts")[0]["n"], "3");
}

TEST_F(ReceiptWriterFailure, KeepsReceiptsThroughAFullDiskAndWritesThemAfterwards) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("before"));
  writer_.Flush();
  ASSERT_EQ(writer_.stats().written, 1u);
  {
    ScopedDiskFull disk_full;
    writer_.Submit(MakeReceipt("during-1"));
    writer_.Submit(MakeReceipt("during-2"));
    writer_.Flush();
    EXPECT_GE(writer_.stats().write_errors, 1u);
    EXPECT_EQ(writer_.stats().written, 1u);
    EXPECT_EQ(writer_.stats().queue_depth, 2u);
  }
  writer_.Flush();
  EXPECT_EQ(writer_.stats().written, 3u);
  EXPECT_EQ(writer_.stats().queue_depth, 0u);
  writer_.Stop();
  EXPECT_EQ(QueryRows(path_, "SELECT count(*) AS n FROM receipts")[0]["n"], "3");
  EXPECT_TRUE(Contains(log_pipe_.Read(), "disk I/O error"));
}

TEST_F(ReceiptWriterFailure, BoundsTheReceiptsKeptWhileTheDiskFails) {
  CreateDatabase(path_);
  ASSERT_EQ(chmod(path_.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  config_.queue_max = 3;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  for (int i = 0; i < 3; ++i) {
    writer_.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer_.Flush();  // fails: the three stay in memory
  writer_.Submit(MakeReceipt("id-3"));
  EXPECT_EQ(writer_.stats().dropped, 1u);
  EXPECT_EQ(writer_.stats().queue_depth, 3u);
}

TEST_F(ReceiptWriterFailure, StopCountsReceiptsItCouldNotWriteAsDropped) {
  CreateDatabase(path_);
  ASSERT_EQ(chmod(path_.c_str(), 0444), 0);
  ScopedFileModesApply file_modes_apply;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("id-1"));
  writer_.Submit(MakeReceipt("id-2"));
  writer_.Stop();
  EXPECT_EQ(writer_.stats().dropped, 2u);
  EXPECT_EQ(writer_.stats().queue_depth, 0u);
  EXPECT_TRUE(Contains(log_pipe_.Read(), R"("level":"error","msg":"receipts lost at shutdown)"));
}

TEST_F(ReceiptWriterFailure, OpenReportsADirectoryWhereTheWalCannotBeCreated) {
  CreateDatabase(path_);
  ASSERT_EQ(chmod(dir_.path().c_str(), 0555), 0);
  ScopedFileModesApply file_modes_apply;
  const auto error = writer_.Open(config_);
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(Contains(*error, "enable WAL: attempt to write a readonly database")) << *error;
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
