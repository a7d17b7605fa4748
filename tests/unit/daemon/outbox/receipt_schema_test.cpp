// The receipts table made from base/receipt_fields.h has the shape of version 4 as it was
// written out by hand plus the columns version 5 added, and a database whose table was made by
// the version 4 text works after its migration.
#include "daemon/outbox/receipt_schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

// Version 4 as the daemons before the field table created it. A fixture, frozen: never derived
// from the field table, which moves on.
constexpr const char* kHandWrittenVersion4Table = R"sql(
CREATE TABLE IF NOT EXISTS receipts (
  event_id        TEXT PRIMARY KEY,
  state           TEXT NOT NULL,
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
  units_json      TEXT NOT NULL,
  service_tier    TEXT NOT NULL,
  cost_pico_usd   INTEGER,
  pricing_version TEXT NOT NULL,
  price_key       TEXT NOT NULL,
  unpriced_reason TEXT NOT NULL,
  pricing_notes   TEXT NOT NULL,
  outcome         TEXT NOT NULL,
  reason          TEXT NOT NULL,
  http_status     INTEGER NOT NULL,
  latency_ms      INTEGER NOT NULL,
  ttfb_ms         INTEGER NOT NULL,
  request_bytes   INTEGER NOT NULL,
  response_bytes  INTEGER NOT NULL,
  estimated       INTEGER NOT NULL,
  shipped_at_ms   INTEGER,
  rejected_reason TEXT
);
)sql";

// Every column's declaration, by name: the order of columns is not part of the shape (every
// statement names its columns).
std::vector<SqlRow> ReceiptsColumns(const std::string& path) {
  return QueryRows(
      path,
      "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('receipts') "
      "ORDER BY name");
}

// Version 5's columns as a fresh table declares them (a migrated one gives the text ones a
// default, which ALTER TABLE needs).
std::string HandWrittenVersion5Table() {
  std::string sql = kHandWrittenVersion4Table;
  const std::string before = "  shipped_at_ms   INTEGER,";
  sql.replace(sql.find(before), before.size(),
              "  estimated_cost_pico_usd INTEGER,\n"
              "  estimate_method TEXT NOT NULL,\n"
              "  budget_holder   TEXT NOT NULL,\n" +
                  before);
  return sql;
}

class ReceiptSchema : public WriterTest {};

TEST_F(ReceiptSchema, FreshTableHasTheHandWrittenVersion5Columns) {
  const std::string hand_written = dir_.File("hand.db");
  ExecuteSql(hand_written, HandWrittenVersion5Table());
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Stop();
  EXPECT_EQ(ReceiptsColumns(path_), ReceiptsColumns(hand_written));
}

TEST_F(ReceiptSchema, HandWrittenVersion4TableTakesAndShipsReceiptsUnchanged) {
  ExecuteSql(path_, kHandWrittenVersion4Table);
  ExecuteSql(path_, kCreateReceiptsIndexesSql);
  ExecuteSql(path_, "PRAGMA user_version = 4");
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("hand-written-v4"));
  writer_.Flush();
  const ShipBatch batch = writer_.NextShipBatch(10, false);
  ASSERT_EQ(batch.receipts.size(), 1u);
  EXPECT_EQ(batch.receipts[0].units_json, R"({"input_tokens":14,"output_tokens":51})");
  filters::Receipt expected = MakeReceipt("hand-written-v4");
  expected.units.clear();  // units come as stored text
  ExpectSameReceipt(batch.receipts[0].receipt, expected);
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
