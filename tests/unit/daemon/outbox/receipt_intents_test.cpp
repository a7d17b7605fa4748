// Intents through the real writer and SQLite: coalesced with their final receipt in one batch,
// written when the call outlasts the batch, and closed as interrupted by the next start.
#include <gtest/gtest.h>

#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

filters::Receipt Intent(const std::string& id) {
  filters::Receipt r = MakeReceipt(id);
  r.open = true;
  r.outcome = filters::Outcome::kInterrupted;
  r.reason = "in_flight";
  r.estimated = true;
  return r;
}

class ReceiptIntents : public WriterTest {};

TEST_F(ReceiptIntents, IntentAndFinalInOneBatchWriteOneClosedRow) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);  // flush interval: an hour
  writer_.Submit(Intent("call-1"));
  writer_.Submit(MakeReceipt("call-1"));
  writer_.Flush();
  const auto rows = QueryRows(path_, "SELECT state, outcome FROM receipts");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("state"), "closed");
  EXPECT_EQ(rows[0].at("outcome"), "upstream_error");
  EXPECT_EQ(writer_.stats().intents_coalesced.load(), 1u);
  EXPECT_EQ(writer_.stats().written.load(), 1u);
}

TEST_F(ReceiptIntents, FinalReceiptReplacesAnIntentCommittedEarlier) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(Intent("call-1"));
  writer_.Flush();
  EXPECT_EQ(QueryRows(path_, "SELECT state FROM receipts")[0].at("state"), "open");
  writer_.Submit(MakeReceipt("call-1"));
  writer_.Flush();
  const auto rows = QueryRows(path_, "SELECT state, reason FROM receipts");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("state"), "closed");
  EXPECT_EQ(rows[0].at("reason"), "upstream_status");
  EXPECT_EQ(writer_.stats().intents_written.load(), 1u);
  EXPECT_EQ(writer_.stats().written.load(), 1u);  // final receipts only
}

TEST_F(ReceiptIntents, NextStartClosesIntentsLeftOpenAsInterrupted) {
  {
    ReceiptWriter crashed;
    ASSERT_EQ(crashed.Open(config_), std::nullopt);
    crashed.Submit(Intent("cut-short"));
    crashed.Submit(MakeReceipt("finished"));
    crashed.Flush();
  }  // the final receipt of cut-short never came
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  const auto rows = QueryRows(path_,
                              "SELECT state, outcome, reason, estimated, shipped_at_ms FROM "
                              "receipts WHERE event_id = 'cut-short'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("state"), "closed");
  EXPECT_EQ(rows[0].at("outcome"), "interrupted");
  EXPECT_EQ(rows[0].at("reason"), "daemon_crashed");
  EXPECT_EQ(rows[0].at("estimated"), "1");
  EXPECT_EQ(rows[0].at("shipped_at_ms"), std::nullopt);
  EXPECT_EQ(writer_.stats().intents_recovered.load(), 1u);
  EXPECT_EQ(
      QueryRows(path_, "SELECT reason FROM receipts WHERE event_id = 'finished'")[0].at("reason"),
      "upstream_status");
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
