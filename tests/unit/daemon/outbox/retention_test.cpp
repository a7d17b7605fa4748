// Retention of shipped receipts, and the WAL given back by a checkpoint.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <string>
#include <variant>
#include <vector>

#include "daemon/outbox/receipt_db.h"
#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

std::vector<std::string> RemainingIds(const std::string& path) {
  std::vector<std::string> ids;
  for (auto& row : QueryRows(path, "SELECT event_id FROM receipts ORDER BY event_id")) {
    ids.push_back(*row["event_id"]);
  }
  return ids;
}

class RetentionTest : public WriterTest {
 protected:
  void SetUp() override {
    config_.retention = std::chrono::hours(1);
    ASSERT_EQ(writer_.Open(config_), std::nullopt);
  }
};

TEST_F(RetentionTest, DeletesRowsShippedLongerAgoThanTheRetention) {
  for (const char* id : {"a-old", "b-recent", "c-unshipped"}) {
    writer_.Submit(MakeReceipt(id));
  }
  writer_.Flush();
  ASSERT_EQ(writer_.MarkShipped({"a-old"}, kShippedMs), std::nullopt);
  ASSERT_EQ(writer_.MarkShipped({"b-recent"}, kShippedMs + 10), std::nullopt);
  const auto deleted = writer_.DeleteExpired(kShippedMs + kHourMs + 5);
  EXPECT_EQ(std::get<int64_t>(deleted), 1);
  EXPECT_EQ(RemainingIds(path_), (std::vector<std::string>{"b-recent", "c-unshipped"}));
}

TEST_F(RetentionTest, NeverDeletesUnshippedRowsHoweverOld) {
  filters::Receipt ancient = MakeReceipt("ancient");
  ancient.start_unix_ms = 1;
  ancient.end_unix_ms = 2;
  writer_.Submit(std::move(ancient));
  writer_.Flush();
  EXPECT_EQ(std::get<int64_t>(writer_.DeleteExpired(kShippedMs)), 0);
  EXPECT_EQ(RemainingIds(path_), std::vector<std::string>{"ancient"});
}

TEST_F(RetentionTest, DeletesRejectedRowsAfterTheRetentionToo) {
  writer_.Submit(MakeReceipt("rejected"));
  writer_.Flush();
  ASSERT_EQ(writer_.MarkRejected({{"rejected", "bad"}}, kShippedMs), std::nullopt);
  EXPECT_EQ(std::get<int64_t>(writer_.DeleteExpired(kShippedMs + kHourMs - 1)), 0);
  EXPECT_EQ(std::get<int64_t>(writer_.DeleteExpired(kShippedMs + kHourMs + 1)), 1);
}

TEST_F(RetentionTest, DeletesAtMostTheChunkAskedFor) {
  std::vector<std::string> ids = {"a", "b", "c"};
  for (const std::string& id : ids) {
    writer_.Submit(MakeReceipt(id));
  }
  writer_.Flush();
  ASSERT_EQ(writer_.MarkShipped(ids, kShippedMs), std::nullopt);
  EXPECT_EQ(std::get<int64_t>(writer_.DeleteExpired(kShippedMs + 2 * kHourMs, 2)), 2);
  EXPECT_EQ(RemainingIds(path_).size(), 1u);
}

TEST_F(RetentionTest, CountsTheDeletedRows) {
  writer_.Submit(MakeReceipt("a"));
  writer_.Submit(MakeReceipt("b"));
  writer_.Flush();
  ASSERT_EQ(writer_.MarkShipped({"a", "b"}, kShippedMs), std::nullopt);
  writer_.DeleteExpired(kShippedMs + 2 * kHourMs);
  EXPECT_EQ(writer_.stats().deleted.load(), 2u);
}

int64_t FileSize(const std::string& path) {
  struct stat st = {};
  return stat(path.c_str(), &st) == 0 ? st.st_size : -1;
}

TEST(ReceiptDbCheckpoint, TruncateEmptiesTheWalFile) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptDb db;
  ASSERT_EQ(db.Open(path, config::SqliteSynchronous::kNormal), std::nullopt);
  std::vector<filters::Receipt> receipts;
  for (int i = 0; i < 100; ++i) {
    receipts.push_back(MakeReceipt("id-" + std::to_string(i)));
  }
  ASSERT_EQ(db.Insert(receipts), std::nullopt);
  ASSERT_GT(FileSize(path + "-wal"), 0);
  ASSERT_EQ(db.Checkpoint(true), std::nullopt);
  EXPECT_EQ(FileSize(path + "-wal"), 0);
}

TEST(ReceiptDbUsedBytes, CountsTheWalAndLeavesOutFreedPages) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptDb db;
  ASSERT_EQ(db.Open(path, config::SqliteSynchronous::kNormal), std::nullopt);
  std::vector<filters::Receipt> receipts;
  std::vector<std::string> ids;
  for (int i = 0; i < 500; ++i) {
    ids.push_back("id-" + std::to_string(i));
    receipts.push_back(MakeReceipt(ids.back()));
  }
  ASSERT_EQ(db.Insert(receipts), std::nullopt);
  const uint64_t with_wal = db.UsedBytes().value();
  ASSERT_EQ(db.Checkpoint(true), std::nullopt);
  const uint64_t full = db.UsedBytes().value();
  EXPECT_LT(full, with_wal);
  ASSERT_EQ(std::get<int64_t>(db.MarkShipped(ids, 1)), 500);
  ASSERT_EQ(std::get<int64_t>(db.DeleteShippedBefore(2, 1000)), 500);
  ASSERT_EQ(db.Checkpoint(true), std::nullopt);
  EXPECT_LT(db.UsedBytes().value(), full / 4);
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
