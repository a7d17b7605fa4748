// A receipts database written by a version 1 daemon (cost in micro-USD, no pricing detail)
// opens under version 2 with its rows kept and its costs converted to pico-USD.
#include <gtest/gtest.h>

#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox {
namespace {

using testing::MakeReceipt;
using testing::Query;
using testing::TempDir;
using testing::TestConfig;

// The version 1 table, as the issue-2 daemon created it.
constexpr const char* kVersion1Schema = R"sql(
CREATE TABLE IF NOT EXISTS receipts (
  event_id        TEXT PRIMARY KEY,
  state           TEXT NOT NULL,     -- 'closed'; 'open' for an intent written at admission
  start_unix_ms   INTEGER NOT NULL,
  end_unix_ms     INTEGER NOT NULL,
  host            TEXT NOT NULL,
  daemon_version  TEXT NOT NULL,
  source_app      TEXT NOT NULL,
  workspace       TEXT NOT NULL,
  team            TEXT NOT NULL,
  project         TEXT NOT NULL,
  environment     TEXT NOT NULL,
  pod             TEXT NOT NULL,
  user            TEXT NOT NULL,
  job             TEXT NOT NULL,
  feature         TEXT NOT NULL,
  provider        TEXT NOT NULL,
  operation       TEXT NOT NULL,
  metered         INTEGER NOT NULL,
  model_requested TEXT NOT NULL,
  model_version   TEXT NOT NULL,
  units_json      TEXT NOT NULL,     -- Units::ToJson()
  cost_micro_usd  INTEGER,           -- NULL: unpriced
  pricing_version TEXT NOT NULL,
  outcome         TEXT NOT NULL,     -- OutcomeName()
  reason          TEXT NOT NULL,
  http_status     INTEGER NOT NULL,
  latency_ms      INTEGER NOT NULL,
  ttfb_ms         INTEGER NOT NULL,
  request_bytes   INTEGER NOT NULL,
  response_bytes  INTEGER NOT NULL,
  estimated       INTEGER NOT NULL,
  shipped_at_ms   INTEGER            -- NULL: not shipped yet
);
)sql";

void WriteVersion1Database(const std::string& path) {
  testing::Execute(path, kVersion1Schema);
  testing::Execute(
      path,
      "INSERT INTO receipts VALUES ('old-priced', 'closed', 1, 2, 'h', '0.1.0', 'app', "
      "'', '', '', '', '', '', '', '', 'gemini', 'generateContent', 1, 'm', 'm', "
      "'{\"input_tokens\":3}', 7, 'pv', 'success', '', 200, 1, 1, 1, 1, 0, NULL)");
  testing::Execute(path,
                   "INSERT INTO receipts VALUES ('old-unpriced', 'closed', 1, 2, 'h', '0.1.0', "
                   "'app', '', '', '', '', '', '', '', '', 'gemini', 'generateContent', 1, 'm', "
                   "'m', '{}', NULL, '', 'success', '', 200, 1, 1, 1, 1, 0, 99)");
  testing::Execute(path, "PRAGMA user_version = 1");
}

TEST(ReceiptMigration, Version1RowsSurviveWithCostsInPicoUsd) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  WriteVersion1Database(path);
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Stop();
  EXPECT_EQ(Query(path, "PRAGMA user_version")[0]["user_version"], "2");
  auto rows = Query(path,
                    "SELECT event_id, cost_pico_usd, price_key, service_tier, unpriced_reason, "
                    "shipped_at_ms FROM receipts ORDER BY event_id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["event_id"], "old-priced");
  EXPECT_EQ(rows[0]["cost_pico_usd"], "7000000");
  EXPECT_EQ(rows[0]["price_key"], "");
  EXPECT_EQ(rows[0]["service_tier"], "");
  EXPECT_EQ(rows[1]["cost_pico_usd"], std::nullopt);
  EXPECT_EQ(rows[1]["shipped_at_ms"], "99");
}

TEST(ReceiptMigration, MigratedDatabaseTakesNewReceipts) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  WriteVersion1Database(path);
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Submit(MakeReceipt("new"));
  writer.Stop();
  auto rows = Query(path, "SELECT cost_pico_usd, price_key FROM receipts WHERE event_id = 'new'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["cost_pico_usd"], "2345000000");
  EXPECT_EQ(rows[0]["price_key"], "gemini/gemini-2.0-flash-001");
}

}  // namespace
}  // namespace costgate::daemon::outbox
