#include "daemon/outbox/receipt_writer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox {
namespace {

using testing::CountRows;
using testing::MakeReceipt;
using testing::Query;
using testing::TempDir;
using testing::TestConfig;

TEST(ReceiptWriter, WritesEveryColumnOfAReceipt) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Submit(MakeReceipt("0190a000-0000-7000-8000-000000000001"));
  writer.Flush();

  const auto rows = Query(path, "SELECT * FROM receipts");
  ASSERT_EQ(rows.size(), 1u);
  const testing::Row expected = {
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
      {"outcome", "upstream_error"},
      {"reason", "upstream_status"},
      {"http_status", "503"},
      {"latency_ms", "2500"},
      {"ttfb_ms", "730"},
      {"request_bytes", "1234"},
      {"response_bytes", "5678"},
      {"estimated", "0"},
      {"shipped_at_ms", std::nullopt},
      {"rejected_reason", std::nullopt},
  };
  EXPECT_EQ(rows[0], expected);
}

TEST(ReceiptWriter, WritesAnUnpricedEstimatedUnmeteredReceipt) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
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
  writer.Submit(std::move(r));
  writer.Flush();

  auto row = Query(path, "SELECT * FROM receipts")[0];
  EXPECT_EQ(row["cost_pico_usd"], std::nullopt);
  EXPECT_EQ(row["pricing_version"], "");
  EXPECT_EQ(row["unpriced_reason"], "unmetered");
  EXPECT_EQ(row["estimated"], "1");
  EXPECT_EQ(row["metered"], "0");
  EXPECT_EQ(row["ttfb_ms"], "-1");
  EXPECT_EQ(row["units_json"], "{}");
  EXPECT_EQ(row["outcome"], "cancelled");
}

TEST(ReceiptWriter, CreatesSchemaVersion3InWalMode) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  EXPECT_EQ(Query(path, "PRAGMA user_version")[0]["user_version"], "3");
  EXPECT_EQ(Query(path, "PRAGMA journal_mode")[0]["journal_mode"], "wal");
  EXPECT_EQ(Query(path, "SELECT name FROM sqlite_master WHERE type = 'table'")[0]["name"],
            "receipts");
}

TEST(ReceiptWriter, FlushReturnsOnceEverySubmittedReceiptIsCommitted) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  for (int i = 0; i < 100; ++i) {
    writer.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer.Flush();
  EXPECT_EQ(CountRows(path), 100u);
  EXPECT_EQ(writer.stats().written, 100u);
  EXPECT_EQ(writer.stats().queue_depth, 0u);
}

TEST(ReceiptWriter, GroupsWaitingReceiptsIntoOneTransaction) {
  TempDir dir;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(dir.File("r.db"))), std::nullopt);
  for (int i = 0; i < 100; ++i) {
    writer.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer.Flush();
  EXPECT_EQ(writer.stats().batches, 1u);
}

TEST(ReceiptWriter, PutsAtMostBatchMaxReceiptsInOneTransaction) {
  TempDir dir;
  config::ReceiptsConfig config = TestConfig(dir.File("r.db"));
  config.batch_max = 10;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  for (int i = 0; i < 25; ++i) {
    writer.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer.Flush();
  EXPECT_EQ(writer.stats().written, 25u);
  EXPECT_GE(writer.stats().batches, 3u);
}

TEST(ReceiptWriter, CommitsWithoutFlushOnceTheFlushIntervalPasses) {
  TempDir dir;
  config::ReceiptsConfig config = TestConfig(dir.File("r.db"));
  config.flush_interval = std::chrono::milliseconds(5);
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  writer.Submit(MakeReceipt("id-1"));
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (writer.stats().written == 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::yield();
  }
  EXPECT_EQ(writer.stats().written, 1u);
}

TEST(ReceiptWriter, DropsAndCountsReceiptsBeyondQueueMax) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  config::ReceiptsConfig config = TestConfig(path);
  config.queue_max = 5;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  for (int i = 0; i < 8; ++i) {
    writer.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  EXPECT_EQ(writer.stats().dropped, 3u);
  EXPECT_EQ(writer.stats().queue_depth, 5u);
  writer.Flush();
  EXPECT_EQ(CountRows(path), 5u);
  EXPECT_EQ(writer.stats().queue_depth, 0u);
}

TEST(ReceiptWriter, AcceptsReceiptsAgainOnceTheQueueDrains) {
  TempDir dir;
  config::ReceiptsConfig config = TestConfig(dir.File("r.db"));
  config.queue_max = 1;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  writer.Submit(MakeReceipt("id-1"));
  writer.Submit(MakeReceipt("id-2"));  // dropped: one is waiting
  writer.Flush();
  writer.Submit(MakeReceipt("id-3"));
  writer.Flush();
  EXPECT_EQ(writer.stats().written, 2u);
  EXPECT_EQ(writer.stats().dropped, 1u);
}

TEST(ReceiptWriter, StopCommitsWhatIsWaiting) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  for (int i = 0; i < 10; ++i) {
    writer.Submit(MakeReceipt("id-" + std::to_string(i)));
  }
  writer.Stop();
  EXPECT_EQ(CountRows(path), 10u);
}

TEST(ReceiptWriter, DropsAndCountsReceiptsSubmittedAfterStop) {
  TempDir dir;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(dir.File("r.db"))), std::nullopt);
  writer.Stop();
  writer.Submit(MakeReceipt("late"));
  writer.Flush();  // returns at once: nothing runs
  EXPECT_EQ(writer.stats().dropped, 1u);
  EXPECT_EQ(writer.stats().written, 0u);
}

TEST(ReceiptWriter, DropsReceiptsWhenNeverOpened) {
  ReceiptWriter writer;
  writer.Submit(MakeReceipt("id-1"));
  EXPECT_EQ(writer.stats().dropped, 1u);
}

TEST(ReceiptWriter, ReopensAnExistingDatabase) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  {
    ReceiptWriter writer;
    ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
    writer.Submit(MakeReceipt("first"));
  }
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Submit(MakeReceipt("second"));
  writer.Stop();
  const auto rows = Query(path, "SELECT event_id FROM receipts ORDER BY event_id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("event_id"), "first");
  EXPECT_EQ(rows[1].at("event_id"), "second");
  EXPECT_EQ(Query(path, "PRAGMA user_version")[0]["user_version"], "3");
}

TEST(ReceiptWriter, RewritingAnEventIdReplacesTheRowAndMarksItUnshipped) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  {
    ReceiptWriter writer;
    ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
    filters::Receipt intent = MakeReceipt("ev");
    intent.http_status = 0;
    writer.Submit(std::move(intent));
  }
  // Shipped in the future: the writer's retention keeps the row.
  testing::Execute(path, "UPDATE receipts SET shipped_at_ms = 4000000000000");
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  filters::Receipt closed = MakeReceipt("ev");
  closed.http_status = 200;
  closed.model_version = "gemini-2.0-flash-002";
  writer.Submit(std::move(closed));
  writer.Stop();
  auto rows = Query(path, "SELECT * FROM receipts");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["http_status"], "200");
  EXPECT_EQ(rows[0]["model_version"], "gemini-2.0-flash-002");
  EXPECT_EQ(rows[0]["shipped_at_ms"], std::nullopt);
}

TEST(ReceiptWriter, AppliesTheConfiguredSynchronousLevel) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  config::ReceiptsConfig config = TestConfig(path);
  config.synchronous = config::SqliteSynchronous::kFull;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  writer.Submit(MakeReceipt("id-1"));
  writer.Flush();
  EXPECT_EQ(writer.stats().written, 1u);
}

TEST(ReceiptWriter, TakesReceiptsFromManyThreadsAtOnce) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  config::ReceiptsConfig config = TestConfig(path);
  config.batch_max = 64;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  constexpr int kThreads = 4;
  constexpr int kEach = 2500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&writer, t] {
      for (int i = 0; i < kEach; ++i) {
        writer.Submit(MakeReceipt("t" + std::to_string(t) + "-" + std::to_string(i)));
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  writer.Flush();
  EXPECT_EQ(writer.stats().written, uint64_t{kThreads * kEach});
  EXPECT_EQ(writer.stats().dropped, 0u);
  EXPECT_EQ(CountRows(path), size_t{kThreads * kEach});
}

}  // namespace
}  // namespace costgate::daemon::outbox
