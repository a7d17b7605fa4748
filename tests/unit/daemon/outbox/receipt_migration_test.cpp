// Older receipts databases open under version 4 with their rows kept: version 1 (cost in
// micro-USD, no pricing detail) has its costs converted to pico-USD; version 2 gains the
// shipping column and indexes; version 3 gains pricing_notes ('' on the rows it had).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

// A shipping time in the future: the writer's retention (wall clock) never deletes these rows.
constexpr std::string_view kShippedAt = "4000000000000";

// The old tables as the daemons of their time created them. Fixtures, frozen: never derived from
// daemon/outbox/receipt_schema_sql.cpp, which moves on. Versions 1 and 2 differ only in the money
// columns between these two runs.
constexpr std::string_view kColumnsBeforeMoney = R"sql(
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
  units_json      TEXT NOT NULL,     -- Units::ToJson())sql";
constexpr std::string_view kColumnsAfterMoney = R"sql(
  outcome         TEXT NOT NULL,     -- OutcomeName()
  reason          TEXT NOT NULL,
  http_status     INTEGER NOT NULL,
  latency_ms      INTEGER NOT NULL,
  ttfb_ms         INTEGER NOT NULL,
  request_bytes   INTEGER NOT NULL,
  response_bytes  INTEGER NOT NULL,
  estimated       INTEGER NOT NULL,
  shipped_at_ms   INTEGER            -- NULL: not shipped yet
)sql";

// Version 1, as the issue-2 daemon created it.
constexpr std::string_view kVersion1MoneyColumns = R"sql(
  cost_micro_usd  INTEGER,           -- NULL: unpriced
  pricing_version TEXT NOT NULL,)sql";

// Version 2, as the issue-3 daemon created it (no index besides the primary key).
constexpr std::string_view kVersion2MoneyColumns = R"sql(
  service_tier    TEXT NOT NULL,     -- serviceTier / trafficType as reported; '' when none
  cost_pico_usd   INTEGER,           -- USD x 1e12; NULL: unpriced
  pricing_version TEXT NOT NULL,
  price_key       TEXT NOT NULL,     -- price row used; '' when the model is unknown
  unpriced_reason TEXT NOT NULL,     -- why cost is NULL (unknown_model, no_rate, ...))sql";

std::string CreateReceiptsTable(std::string_view money_columns) {
  return std::string("CREATE TABLE IF NOT EXISTS receipts (")
      .append(kColumnsBeforeMoney)
      .append(money_columns)
      .append(kColumnsAfterMoney)
      .append(");");
}

// A closed receipt of either version: the same value in every column but the money ones
// (`money_values`, in that version's order), units_json and shipped_at_ms.
std::string InsertClosedRow(std::string_view event_id, std::string_view units_json,
                            std::string_view money_values, std::string_view shipped_at) {
  return std::string("INSERT INTO receipts VALUES ('")
      .append(event_id)
      .append("', 'closed', 1, 2, 'h', '0.1.0', 'app', '', '', '', '', '', '', '', '', 'gemini', ")
      .append("'generateContent', 1, 'm', 'm', '")
      .append(units_json)
      .append("', ")
      .append(money_values)
      .append(", 'success', '', 200, 1, 1, 1, 1, 0, ")
      .append(shipped_at)
      .append(")");
}

void WriteVersion1Database(const std::string& path) {
  ExecuteSql(path, CreateReceiptsTable(kVersion1MoneyColumns));
  // cost_micro_usd, pricing_version
  ExecuteSql(path, InsertClosedRow("old-priced", R"({"input_tokens":3})", "7, 'pv'", "NULL"));
  ExecuteSql(path, InsertClosedRow("old-unpriced", "{}", "NULL, ''", kShippedAt));
  ExecuteSql(path, "PRAGMA user_version = 1");
}

void WriteVersion2Database(const std::string& path) {
  ExecuteSql(path, CreateReceiptsTable(kVersion2MoneyColumns));
  // service_tier, cost_pico_usd, pricing_version, price_key, unpriced_reason
  ExecuteSql(path, InsertClosedRow("v2-shipped", R"({"input_tokens":3})",
                                   "'', 7000000, 'pv', 'gemini/m', ''", kShippedAt));
  ExecuteSql(path,
             InsertClosedRow("v2-waiting", "{}", "'', NULL, '', '', 'unknown_model'", "NULL"));
  ExecuteSql(path, "PRAGMA user_version = 2");
}

// Version 3, as the issue-4 daemon created it: version 2's columns, rejected_reason and the
// shipping indexes.
void WriteVersion3Database(const std::string& path) {
  ExecuteSql(path, CreateReceiptsTable(kVersion2MoneyColumns));
  ExecuteSql(path, "ALTER TABLE receipts ADD COLUMN rejected_reason TEXT");
  ExecuteSql(path,
             "CREATE INDEX IF NOT EXISTS receipts_unshipped ON receipts(event_id) WHERE "
             "shipped_at_ms IS NULL AND state = 'closed'");
  ExecuteSql(path,
             "CREATE INDEX IF NOT EXISTS receipts_shipped_at ON receipts(shipped_at_ms) WHERE "
             "shipped_at_ms IS NOT NULL");
  // service_tier, cost_pico_usd, pricing_version, price_key, unpriced_reason; then
  // rejected_reason, NULL.
  ExecuteSql(path, InsertClosedRow("v3-shipped", R"({"input_tokens":3})",
                                   "'flex', 7000000, 'pv', 'gemini/m', ''",
                                   std::string(kShippedAt) + ", NULL"));
  ExecuteSql(path, InsertClosedRow("v3-waiting", R"({"input_tokens":5})",
                                   "'', 9000000, 'pv', 'gemini/m', ''", "NULL, NULL"));
  ExecuteSql(path, "PRAGMA user_version = 3");
}

class ReceiptMigration : public WriterTest {};

TEST_F(ReceiptMigration, Version1RowsSurviveWithCostsInPicoUsd) {
  WriteVersion1Database(path_);
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Stop();
  EXPECT_EQ(QueryRows(path_, "PRAGMA user_version")[0]["user_version"], "5");
  auto rows = QueryRows(path_,
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

TEST_F(ReceiptMigration, MigratedDatabaseTakesNewReceipts) {
  WriteVersion1Database(path_);
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("new"));
  writer_.Stop();
  auto rows =
      QueryRows(path_, "SELECT cost_pico_usd, price_key FROM receipts WHERE event_id = 'new'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["cost_pico_usd"], "2345000000");
  EXPECT_EQ(rows[0]["price_key"], "gemini/gemini-2.0-flash-001");
}

TEST_F(ReceiptMigration, Version2RowsSurviveUnrejectedWithTheirShippingState) {
  WriteVersion2Database(path_);
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Stop();
  EXPECT_EQ(QueryRows(path_, "PRAGMA user_version")[0]["user_version"], "5");
  auto rows = QueryRows(path_,
                        "SELECT event_id, cost_pico_usd, shipped_at_ms, rejected_reason FROM "
                        "receipts ORDER BY event_id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["event_id"], "v2-shipped");
  EXPECT_EQ(rows[0]["cost_pico_usd"], "7000000");
  EXPECT_EQ(rows[0]["shipped_at_ms"], kShippedAt);
  EXPECT_EQ(rows[0]["rejected_reason"], std::nullopt);
  EXPECT_EQ(rows[1]["event_id"], "v2-waiting");
  EXPECT_EQ(rows[1]["shipped_at_ms"], std::nullopt);
}

TEST_F(ReceiptMigration, Version2GainsTheShippingIndexes) {
  WriteVersion2Database(path_);
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Stop();
  auto rows = QueryRows(path_,
                        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                        "ORDER BY name");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["name"], "receipts_shipped_at");
  EXPECT_EQ(rows[1]["name"], "receipts_unshipped");
}

TEST_F(ReceiptMigration, MigratedVersion2DatabaseShipsItsWaitingRows) {
  WriteVersion2Database(path_);
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  const ShipBatch batch = writer_.NextShipBatch(10, false);
  ASSERT_EQ(batch.error, std::nullopt);
  ASSERT_EQ(batch.receipts.size(), 1u);
  EXPECT_EQ(batch.receipts[0].receipt.event_id, "v2-waiting");
  EXPECT_EQ(batch.receipts[0].receipt.unpriced_reason, "unknown_model");
}

TEST_F(ReceiptMigration, Version3RowsSurviveWithoutPricingNotes) {
  WriteVersion3Database(path_);
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Stop();
  EXPECT_EQ(QueryRows(path_, "PRAGMA user_version")[0]["user_version"], "5");
  auto rows =
      QueryRows(path_,
                "SELECT event_id, cost_pico_usd, service_tier, pricing_notes, shipped_at_ms "
                "FROM receipts ORDER BY event_id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["event_id"], "v3-shipped");
  EXPECT_EQ(rows[0]["cost_pico_usd"], "7000000");
  EXPECT_EQ(rows[0]["service_tier"], "flex");
  EXPECT_EQ(rows[0]["pricing_notes"], "");
  EXPECT_EQ(rows[0]["shipped_at_ms"], kShippedAt);
  EXPECT_EQ(rows[1]["pricing_notes"], "");
}

TEST_F(ReceiptMigration, EveryOlderVersionGainsPricingNotesAndStoresAndShipsThem) {
  void (*const writes[])(const std::string&) = {&WriteVersion1Database, &WriteVersion2Database,
                                                &WriteVersion3Database};
  for (size_t version = 1; version <= 3; ++version) {
    const std::string path = dir_.File("v" + std::to_string(version) + ".db");
    writes[version - 1](path);
    ReceiptWriter writer{logger_};
    ASSERT_EQ(writer.Open(TestConfig(path)), std::nullopt);
    filters::Receipt r = MakeReceipt("new-with-notes");
    r.pricing_notes = "model_fallback,tier_fallback";
    writer.Submit(std::move(r));
    writer.Flush();
    auto rows = QueryRows(path, "SELECT pricing_notes FROM receipts WHERE event_id = ?1",
                          {"new-with-notes"});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["pricing_notes"], "model_fallback,tier_fallback");
    const ShipBatch batch = writer.NextShipBatch(10, false);
    ASSERT_EQ(batch.error, std::nullopt);
    bool shipped = false;
    for (const StoredReceipt& stored : batch.receipts) {
      if (stored.receipt.event_id == "new-with-notes") {
        shipped = true;
        EXPECT_EQ(stored.receipt.pricing_notes, "model_fallback,tier_fallback");
      }
    }
    EXPECT_TRUE(shipped);
    writer.Stop();
  }
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
