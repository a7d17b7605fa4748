// The outbox's shipping calls: which rows a batch holds, and what marking them does.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/outbox/receipt_schema.h"
#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

std::vector<std::string> Ids(const ShipBatch& batch) {
  std::vector<std::string> ids;
  for (const StoredReceipt& r : batch.receipts) {
    ids.push_back(r.receipt.event_id);
  }
  return ids;
}

filters::Receipt IntentFor(const std::string& event_id) {
  filters::Receipt r = MakeReceipt(event_id);
  r.open = true;
  return r;
}

class ShipBatchTest : public WriterTest {
 protected:
  void SetUp() override { ASSERT_EQ(writer_.Open(config_), std::nullopt); }

  // Submits and commits each receipt.
  void Write(std::vector<filters::Receipt> receipts) {
    for (filters::Receipt& r : receipts) {
      writer_.Submit(std::move(r));
    }
    writer_.Flush();
  }
};

TEST_F(ShipBatchTest, HoldsClosedUnshippedReceiptsOnly) {
  Write({MakeReceipt("a-closed"), IntentFor("b-open"), MakeReceipt("c-shipped")});
  ASSERT_EQ(writer_.MarkShipped({"c-shipped"}, kShippedMs), std::nullopt);
  const ShipBatch batch = writer_.NextShipBatch(10, false);
  ASSERT_EQ(batch.error, std::nullopt);
  EXPECT_EQ(Ids(batch), std::vector<std::string>{"a-closed"});
}

TEST_F(ShipBatchTest, IsOldestEventIdFirstAndBoundedByMax) {
  Write(
      {MakeReceipt("0193-c"), MakeReceipt("0193-a"), MakeReceipt("0193-d"), MakeReceipt("0193-b")});
  const ShipBatch batch = writer_.NextShipBatch(3, false);
  EXPECT_EQ(Ids(batch), (std::vector<std::string>{"0193-a", "0193-b", "0193-c"}));
}

TEST_F(ShipBatchTest, ReadsBackEveryFieldOfTheReceipt) {
  Write({MakeReceipt("ev-1")});
  const ShipBatch batch = writer_.NextShipBatch(1, false);
  ASSERT_EQ(batch.receipts.size(), 1u);
  const StoredReceipt& stored = batch.receipts[0];
  EXPECT_EQ(stored.units_json, R"({"input_tokens":14,"output_tokens":51})");
  filters::Receipt expected = MakeReceipt("ev-1");
  expected.units.clear();  // units come as stored text
  ExpectSameReceipt(stored.receipt, expected);
}

TEST_F(ShipBatchTest, ReadsBackAnUnpricedReceiptWithoutCost) {
  filters::Receipt unpriced = MakeReceipt("ev-1");
  unpriced.cost.reset();
  Write({std::move(unpriced)});
  const ShipBatch batch = writer_.NextShipBatch(1, false);
  ASSERT_EQ(batch.receipts.size(), 1u);
  EXPECT_FALSE(batch.receipts[0].receipt.cost.has_value());
}

TEST_F(ShipBatchTest, ShippedReceiptsAreNotHandedOutAgain) {
  Write({MakeReceipt("a"), MakeReceipt("b")});
  ASSERT_EQ(writer_.MarkShipped({"a"}, kShippedMs), std::nullopt);
  EXPECT_EQ(Ids(writer_.NextShipBatch(10, false)), std::vector<std::string>{"b"});
  EXPECT_EQ(
      QueryRows(path_,
                "SELECT shipped_at_ms FROM receipts WHERE event_id = 'a'")[0]["shipped_at_ms"],
      "4000000000000");
}

TEST_F(ShipBatchTest, MarkingShippedLeavesAnOpenIntentAlone) {
  Write({IntentFor("open-1")});
  ASSERT_EQ(writer_.MarkShipped({"open-1"}, kShippedMs), std::nullopt);
  EXPECT_EQ(QueryRows(path_, "SELECT shipped_at_ms FROM receipts")[0]["shipped_at_ms"],
            std::nullopt);
}

TEST_F(ShipBatchTest, RejectedReceiptsAreKeptWithTheirReasonAndNotHandedOutAgain) {
  Write({MakeReceipt("a"), MakeReceipt("b")});
  ASSERT_EQ(writer_.MarkRejected({{"a", "events[0].units.x: must be an integer >= 0"}}, kShippedMs),
            std::nullopt);
  EXPECT_EQ(Ids(writer_.NextShipBatch(10, false)), std::vector<std::string>{"b"});
  const auto rows =
      QueryRows(path_, "SELECT shipped_at_ms, rejected_reason FROM receipts WHERE event_id = 'a'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("shipped_at_ms"), "4000000000000");
  EXPECT_EQ(rows[0].at("rejected_reason"), "events[0].units.x: must be an integer >= 0");
}

TEST_F(ShipBatchTest, AReceiptWrittenAgainAfterShippingIsUnshippedAgain) {
  Write({MakeReceipt("ev")});
  ASSERT_EQ(writer_.MarkRejected({{"ev", "bad"}}, kShippedMs), std::nullopt);
  filters::Receipt again = MakeReceipt("ev");
  again.http_status = 200;
  Write({std::move(again)});
  const ShipBatch batch = writer_.NextShipBatch(10, false);
  ASSERT_EQ(Ids(batch), std::vector<std::string>{"ev"});
  EXPECT_EQ(batch.receipts[0].receipt.http_status, 200);
  EXPECT_EQ(QueryRows(path_, "SELECT rejected_reason FROM receipts")[0]["rejected_reason"],
            std::nullopt);
}

TEST_F(ShipBatchTest, AnIntentClosedAfterItsRowWasShippedIsShippedAgain) {
  Write({MakeReceipt("ev")});
  ASSERT_EQ(writer_.MarkShipped({"ev"}, kShippedMs), std::nullopt);
  Write({IntentFor("ev")});
  EXPECT_TRUE(writer_.NextShipBatch(10, false).receipts.empty());
  Write({MakeReceipt("ev")});
  EXPECT_EQ(Ids(writer_.NextShipBatch(10, false)), std::vector<std::string>{"ev"});
}

TEST_F(ShipBatchTest, APartialBatchKnowsTheBacklogExactly) {
  Write({MakeReceipt("a"), MakeReceipt("b"), IntentFor("c")});
  EXPECT_EQ(writer_.NextShipBatch(10, false).backlog, 2u);
}

TEST_F(ShipBatchTest, AFullBatchCountsTheBacklogOnlyWhenAsked) {
  Write({MakeReceipt("a"), MakeReceipt("b"), MakeReceipt("c")});
  EXPECT_EQ(writer_.NextShipBatch(2, false).backlog, std::nullopt);
  EXPECT_EQ(writer_.NextShipBatch(2, true).backlog, 3u);
}

TEST_F(ShipBatchTest, TheUnshippedQueryIsServedByThePartialIndex) {
  Write({MakeReceipt("a")});
  const auto plan = QueryRows(path_, "EXPLAIN QUERY PLAN " + SelectUnshippedSql());
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].at("detail"), "SCAN receipts USING INDEX receipts_unshipped");
}

TEST(ShipBatch, IsAnErrorWhileTheDatabaseCannotBeOpened) {
  ReceiptWriter writer;
  ASSERT_TRUE(writer.Open(TestConfig("/nonexistent-costgate-dir/r.db")).has_value());
  const ShipBatch batch = writer.NextShipBatch(10, false);
  EXPECT_EQ(batch.error, "the receipts database is not open");
  EXPECT_TRUE(batch.receipts.empty());
}

TEST(ShipBatch, IsAnErrorOnceTheWriterStopped) {
  TempDir dir;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(dir.File("r.db"))), std::nullopt);
  writer.Stop();
  EXPECT_EQ(writer.NextShipBatch(10, false).error, "the receipts database is not open");
  EXPECT_EQ(writer.MarkShipped({"a"}, 1), "the receipts database is not open");
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
