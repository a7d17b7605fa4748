#include "daemon/outbox/receipt_writer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

class ReceiptWriterTest : public WriterTest {};

TEST_F(ReceiptWriterTest, WritesEveryColumnOfAReceipt) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  filters::Receipt receipt = MakeReceipt("0190a000-0000-7000-8000-000000000001");
  receipt.estimated_cost = pricing::Money::FromPico(3'000'000'000);
  receipt.estimate_method = "request_text_ratio+max_output_tokens";
  receipt.budget_holder = "px_0123456789abcdef";
  writer_.Submit(std::move(receipt));
  writer_.Flush();

  const auto rows = QueryRows(path_, "SELECT * FROM receipts");
  ASSERT_EQ(rows.size(), 1u);
  const SqlRow expected = {
      {"event_id", "0190a000-0000-7000-8000-000000000001"},
      {"state", "closed"},
      {"start_unix_ms", "1717171717000"},
      {"end_unix_ms", "1717171719500"},
      {"host", "host-1"},
      {"daemon_version", "0.1.0"},
      {"source_app", "app"},
      {"workspace", "ws"},
      {"team", "team"},
      {"project", "proj"},
      {"environment", "prod"},
      {"pod", "pod-7"},
      {"user", "alice"},
      {"job", "nightly"},
      {"feature", "summarize"},
      {"provider", "gemini"},
      {"operation", "generateContent"},
      {"metered", "1"},
      {"model_requested", "gemini-2.0-flash"},
      {"model_version", "gemini-2.0-flash-001"},
      {"units_json", R"({"input_tokens":14,"output_tokens":51})"},
      {"service_tier", "standard"},
      {"cost_pico_usd", "2345000000"},
      {"pricing_version", "pb-0123456789abcdef"},
      {"price_key", "gemini/gemini-2.0-flash-001"},
      {"unpriced_reason", ""},
      {"pricing_notes", "tier_fallback"},
      {"outcome", "upstream_error"},
      {"reason", "upstream_status"},
      {"http_status", "503"},
      {"latency_ms", "2500"},
      {"ttfb_ms", "730"},
      {"request_bytes", "1234"},
      {"response_bytes", "5678"},
      {"estimated", "0"},
      {"estimated_cost_pico_usd", "3000000000"},
      {"estimate_method", "request_text_ratio+max_output_tokens"},
      {"budget_holder", "px_0123456789abcdef"},
      {"shipped_at_ms", std::nullopt},
      {"rejected_reason", std::nullopt},
  };
  EXPECT_EQ(rows[0], expected);
}

TEST_F(ReceiptWriterTest, WritesAnUnpricedEstimatedUnmeteredReceipt) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  filters::Receipt r = MakeReceipt("id-1");
  r.cost.reset();
  r.pricing_version.clear();
  r.price_key.clear();
  r.unpriced_reason = "unmetered";
  r.estimated = true;
  r.metered = false;
  r.ttfb_ms = -1;
  r.units.clear();
  r.outcome = filters::Outcome::kCancelled;
  writer_.Submit(std::move(r));
  writer_.Flush();

  auto row = QueryRows(path_, "SELECT * FROM receipts")[0];
  EXPECT_EQ(row["cost_pico_usd"], std::nullopt);
  EXPECT_EQ(row["pricing_version"], "");
  EXPECT_EQ(row["unpriced_reason"], "unmetered");
  EXPECT_EQ(row["estimated"], "1");
  EXPECT_EQ(row["metered"], "0");
  EXPECT_EQ(row["ttfb_ms"], "-1");
  EXPECT_EQ(row["units_json"], "{}");
  EXPECT_EQ(row["outcome"], "cancelled");
}

TEST_F(ReceiptWriterTest, CreatesSchemaVersion5InWalMode) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  EXPECT_EQ(QueryRows(path_, "PRAGMA user_version")[0]["user_version"], "5");
  EXPECT_EQ(QueryRows(path_, "PRAGMA journal_mode")[0]["journal_mode"], "wal");
  EXPECT_EQ(QueryRows(path_, "SELECT name FROM sqlite_master WHERE type = 'table'")[0]["name"],
            "receipts");
}

TEST_F(ReceiptWriterTest, FlushReturnsOnceEverySubmittedReceiptIsCommitted) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  for (int i = 0; i < 100; ++i) {
    writer_.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer_.Flush();
  EXPECT_EQ(CountRows(path_), 100u);
  EXPECT_EQ(writer_.stats().written, 100u);
  EXPECT_EQ(writer_.stats().queue_depth, 0u);
}

TEST_F(ReceiptWriterTest, GroupsWaitingReceiptsIntoOneTransaction) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  for (int i = 0; i < 100; ++i) {
    writer_.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer_.Flush();
  EXPECT_EQ(writer_.stats().batches, 1u);
}

TEST_F(ReceiptWriterTest, PutsAtMostBatchMaxReceiptsInOneTransaction) {
  config_.batch_max = 10;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  for (int i = 0; i < 25; ++i) {
    writer_.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer_.Flush();
  EXPECT_EQ(writer_.stats().written, 25u);
  EXPECT_GE(writer_.stats().batches, 3u);
}

TEST_F(ReceiptWriterTest, CommitsWithoutFlushOnceTheFlushIntervalPasses) {
  config_.flush_interval = std::chrono::milliseconds(5);
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("id-1"));
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (writer_.stats().written == 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::yield();
  }
  EXPECT_EQ(writer_.stats().written, 1u);
}

TEST_F(ReceiptWriterTest, DropsAndCountsReceiptsBeyondQueueMax) {
  config_.queue_max = 5;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  for (int i = 0; i < 8; ++i) {
    writer_.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  EXPECT_EQ(writer_.stats().dropped, 3u);
  EXPECT_EQ(writer_.stats().queue_depth, 5u);
  writer_.Flush();
  EXPECT_EQ(CountRows(path_), 5u);
  EXPECT_EQ(writer_.stats().queue_depth, 0u);
}

TEST_F(ReceiptWriterTest, AcceptsReceiptsAgainOnceTheQueueDrains) {
  config_.queue_max = 1;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("id-1"));
  writer_.Submit(MakeReceipt("id-2"));  // dropped: one is waiting
  writer_.Flush();
  writer_.Submit(MakeReceipt("id-3"));
  writer_.Flush();
  EXPECT_EQ(writer_.stats().written, 2u);
  EXPECT_EQ(writer_.stats().dropped, 1u);
}

TEST_F(ReceiptWriterTest, StopCommitsWhatIsWaiting) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  for (int i = 0; i < 10; ++i) {
    writer_.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer_.Stop();
  EXPECT_EQ(CountRows(path_), 10u);
}

TEST_F(ReceiptWriterTest, DropsAndCountsReceiptsSubmittedAfterStop) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Stop();
  writer_.Submit(MakeReceipt("late"));
  writer_.Flush();  // returns at once: nothing runs
  EXPECT_EQ(writer_.stats().dropped, 1u);
  EXPECT_EQ(writer_.stats().written, 0u);
}

TEST_F(ReceiptWriterTest, DropsReceiptsWhenNeverOpened) {
  writer_.Submit(MakeReceipt("id-1"));
  EXPECT_EQ(writer_.stats().dropped, 1u);
}

TEST_F(ReceiptWriterTest, ReopensAnExistingDatabase) {
  {
    ReceiptWriter earlier;
    ASSERT_EQ(earlier.Open(config_), std::nullopt);
    earlier.Submit(MakeReceipt("first"));
  }
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("second"));
  writer_.Stop();
  const auto rows = QueryRows(path_, "SELECT event_id FROM receipts ORDER BY event_id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("event_id"), "first");
  EXPECT_EQ(rows[1].at("event_id"), "second");
  EXPECT_EQ(QueryRows(path_, "PRAGMA user_version")[0]["user_version"], "5");
}

TEST_F(ReceiptWriterTest, RewritingAnEventIdReplacesTheRowAndMarksItUnshipped) {
  {
    ReceiptWriter earlier;
    ASSERT_EQ(earlier.Open(config_), std::nullopt);
    filters::Receipt intent = MakeReceipt("ev");
    intent.http_status = 0;
    earlier.Submit(std::move(intent));
  }
  // Shipped in the future: the writer's retention keeps the row.
  ExecuteSql(path_, "UPDATE receipts SET shipped_at_ms = 4000000000000");
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  filters::Receipt closed = MakeReceipt("ev");
  closed.http_status = 200;
  closed.model_version = "gemini-2.0-flash-002";
  writer_.Submit(std::move(closed));
  writer_.Stop();
  auto rows = QueryRows(path_, "SELECT * FROM receipts");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["http_status"], "200");
  EXPECT_EQ(rows[0]["model_version"], "gemini-2.0-flash-002");
  EXPECT_EQ(rows[0]["shipped_at_ms"], std::nullopt);
}

TEST_F(ReceiptWriterTest, AppliesTheConfiguredSynchronousLevel) {
  config_.synchronous = config::SqliteSynchronous::kFull;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("id-1"));
  writer_.Flush();
  EXPECT_EQ(writer_.stats().written, 1u);
}

TEST_F(ReceiptWriterTest, TakesReceiptsFromManyThreadsAtOnce) {
  config_.batch_max = 64;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  constexpr int kThreads = 4;
  constexpr int kEach = 2500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kEach; ++i) {
        writer_.Submit(MakeReceipt("t" + std::to_string(t) + "-" + std::to_string(i)));
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  writer_.Flush();
  EXPECT_EQ(writer_.stats().written, uint64_t{kThreads * kEach});
  EXPECT_EQ(writer_.stats().dropped, 0u);
  EXPECT_EQ(CountRows(path_), size_t{kThreads * kEach});
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
