// Older receipts databases open under version 3 with their rows kept: version 1 (cost in
// micro-USD, no pricing detail) has its costs converted to pico-USD; version 2 gains the
// shipping column and indexes.
#include <gtest/gtest.h>

#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox {
namespace {

using testing::MakeReceipt;
using testing::Query;
using testing::TempDir;
using testing::TestConfig;

// A shipping time in the future: the writer's retention (wall clock) never deletes these rows.
const std::string kShippedAt = "4000000000000";

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
                   "'m', '{}', NULL, '', 'success', '', 200, 1, 1, 1, 1, 0, " +
                       kShippedAt + ")");
  testing::Execute(path, "PRAGMA user_version = 1");
}

TEST(ReceiptMigration, Version1RowsSurviveWithCostsInPicoUsd) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  WriteVersion1Database(path);
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Stop();
  EXPECT_EQ(Query(path, "PRAGMA user_version")[0]["user_version"], "3");
  auto rows = Query(path,
                    "SELECT event_id, cost_pico_usd, price_key, service_tier, unpriced_reason, "
                    "shipped_at_ms FROM receipts ORDER BY event_id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["event_id"], "old-priced");
  EXPECT_EQ(rows[0]["cost_pico_usd"], "7000000");
  EXPECT_EQ(rows[0]["price_key"], "");
  EXPECT_EQ(rows[0]["service_tier"], "");
  EXPECT_EQ(rows[1]["cost_pico_usd"], std::nullopt);
  EXPECT_EQ(rows[1]["shipped_at_ms"], kShippedAt);
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

// The version 2 table, as the issue-3 daemon created it (no index besides the primary key).
constexpr const char* kVersion2Schema = R"sql(
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
  service_tier    TEXT NOT NULL,     -- serviceTier / trafficType as reported; '' when none
  cost_pico_usd   INTEGER,           -- USD x 1e12; NULL: unpriced
  pricing_version TEXT NOT NULL,
  price_key       TEXT NOT NULL,     -- price row used; '' when the model is unknown
  unpriced_reason TEXT NOT NULL,     -- why cost is NULL (unknown_model, no_rate, ...)
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

void WriteVersion2Database(const std::string& path) {
  testing::Execute(path, kVersion2Schema);
  testing::Execute(
      path,
      "INSERT INTO receipts VALUES ('v2-shipped', 'closed', 1, 2, 'h', '0.1.0', 'app', "
      "'', '', '', '', '', '', '', '', 'gemini', 'generateContent', 1, 'm', 'm', "
      "'{\"input_tokens\":3}', '', 7000000, 'pv', 'gemini/m', '', 'success', '', "
      "200, 1, 1, 1, 1, 0, " +
          kShippedAt + ")");
  testing::Execute(
      path,
      "INSERT INTO receipts VALUES ('v2-waiting', 'closed', 1, 2, 'h', '0.1.0', 'app', "
      "'', '', '', '', '', '', '', '', 'gemini', 'generateContent', 1, 'm', 'm', "
      "'{}', '', NULL, '', '', 'unknown_model', 'success', '', 200, 1, 1, 1, 1, 0, "
      "NULL)");
  testing::Execute(path, "PRAGMA user_version = 2");
}

TEST(ReceiptMigration, Version2RowsSurviveUnrejectedWithTheirShippingState) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  WriteVersion2Database(path);
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Stop();
  EXPECT_EQ(Query(path, "PRAGMA user_version")[0]["user_version"], "3");
  auto rows = Query(path,
                    "SELECT event_id, cost_pico_usd, shipped_at_ms, rejected_reason FROM receipts "
                    "ORDER BY event_id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["event_id"], "v2-shipped");
  EXPECT_EQ(rows[0]["cost_pico_usd"], "7000000");
  EXPECT_EQ(rows[0]["shipped_at_ms"], kShippedAt);
  EXPECT_EQ(rows[0]["rejected_reason"], std::nullopt);
  EXPECT_EQ(rows[1]["event_id"], "v2-waiting");
  EXPECT_EQ(rows[1]["shipped_at_ms"], std::nullopt);
}

TEST(ReceiptMigration, Version2GainsTheShippingIndexes) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  WriteVersion2Database(path);
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  writer.Stop();
  auto rows = Query(path,
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                    "ORDER BY name");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["name"], "receipts_shipped_at");
  EXPECT_EQ(rows[1]["name"], "receipts_unshipped");
}

TEST(ReceiptMigration, MigratedVersion2DatabaseShipsItsWaitingRows) {
  TempDir dir;
  const std::string path = dir.File("r.db");
  WriteVersion2Database(path);
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
  const ShipBatch batch = writer.NextShipBatch(10, false);
  ASSERT_EQ(batch.error, std::nullopt);
  ASSERT_EQ(batch.receipts.size(), 1u);
  EXPECT_EQ(batch.receipts[0].receipt.event_id, "v2-waiting");
  EXPECT_EQ(batch.receipts[0].receipt.unpriced_reason, "unknown_model");
}

}  // namespace
}  // namespace costgate::daemon::outbox
