// Intents through the real writer and SQLite: coalesced with their final receipt in one batch,
// written when the call outlasts the batch, and closed as interrupted by the next start.
#include <gtest/gtest.h>

#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox {
namespace {

using testing::MakeReceipt;
using testing::Query;
using testing::TempDir;
using testing::TestConfig;

filters::Receipt Intent(const std::string& id) {
  filters::Receipt r = MakeReceipt(id);
  r.open = true;
  r.outcome = filters::Outcome::kInterrupted;
  r.reason = "in_flight";
  r.estimated = true;
  return r;
}

TEST(ReceiptIntents, IntentAndFinalInOneBatchWriteOneClosedRow) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);  // flush interval: an hour
  writer.Submit(Intent("call-1"));
  writer.Submit(MakeReceipt("call-1"));
  writer.Flush();
  const auto rows = Query(path, "SELECT state, outcome FROM receipts");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("state"), "closed");
  EXPECT_EQ(rows[0].at("outcome"), "upstream_error");
  EXPECT_EQ(writer.stats().intents_coalesced.load(), 1u);
  EXPECT_EQ(writer.stats().written.load(), 1u);
}

TEST(ReceiptIntents, FinalReceiptReplacesAnIntentCommittedEarlier) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Submit(Intent("call-1"));
  writer.Flush();
  EXPECT_EQ(Query(path, "SELECT state FROM receipts")[0].at("state"), "open");
  writer.Submit(MakeReceipt("call-1"));
  writer.Flush();
  const auto rows = Query(path, "SELECT state, reason FROM receipts");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("state"), "closed");
  EXPECT_EQ(rows[0].at("reason"), "upstream_status");
  EXPECT_EQ(writer.stats().intents_written.load(), 1u);
  EXPECT_EQ(writer.stats().written.load(), 1u);  // final receipts only
}

TEST(ReceiptIntents, NextStartClosesIntentsLeftOpenAsInterrupted) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  {
    ReceiptWriter crashed;
    ASSERT_EQ(crashed.Open(TestConfig(path)), std::nullopt);
    crashed.Submit(Intent("cut-short"));
    crashed.Submit(MakeReceipt("finished"));
    crashed.Flush();
  }  // the final receipt of cut-short never came
  ReceiptWriter restarted;
  ASSERT_EQ(restarted.Open(TestConfig(path)), std::nullopt);
  const auto rows = Query(path,
                          "SELECT state, outcome, reason, estimated, shipped_at_ms FROM receipts "
                          "WHERE event_id = 'cut-short'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("state"), "closed");
  EXPECT_EQ(rows[0].at("outcome"), "interrupted");
  EXPECT_EQ(rows[0].at("reason"), "daemon_crashed");
  EXPECT_EQ(rows[0].at("estimated"), "1");
  EXPECT_EQ(rows[0].at("shipped_at_ms"), std::nullopt);
  EXPECT_EQ(restarted.stats().intents_recovered.load(), 1u);
  EXPECT_EQ(Query(path, "SELECT reason FROM receipts WHERE event_id = 'finished'")[0].at("reason"),
            "upstream_status");
}

}  // namespace
}  // namespace costgate::daemon::outbox
