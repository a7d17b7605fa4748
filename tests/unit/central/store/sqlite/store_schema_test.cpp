// The events table made from base/receipt_fields.h has the shape of version 2 as it was written
// out by hand plus version 4's columns, and a database whose events table was made by that text
// stores the same rows.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "central/store/open_store.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using store_testing::ExecuteSql;
using store_testing::MakeEvent;
using store_testing::OpenSqliteStore;
using store_testing::QueryRows;
using store_testing::TempDir;

// Version 2's events table as central created it before the field table, with the columns
// version 4 added as a fresh table declares them. A fixture, frozen: never derived from the
// field table, which moves on.
constexpr const char* kHandWrittenVersion4EventsTable = R"sql(
CREATE TABLE IF NOT EXISTS events (
  event_id              TEXT PRIMARY KEY,
  origin                TEXT NOT NULL,
  request_id            TEXT NOT NULL,
  start_unix_ms         INTEGER NOT NULL,
  end_unix_ms           INTEGER NOT NULL,
  source_app            TEXT NOT NULL,
  workspace             TEXT NOT NULL,
  team                  TEXT NOT NULL,
  project               TEXT NOT NULL,
  user                  TEXT NOT NULL,
  job                   TEXT NOT NULL,
  feature               TEXT NOT NULL,
  environment           TEXT NOT NULL,
  host                  TEXT NOT NULL,
  pod                   TEXT NOT NULL,
  daemon_version        TEXT NOT NULL,
  provider              TEXT NOT NULL,
  operation             TEXT NOT NULL,
  model                 TEXT NOT NULL,
  model_version         TEXT NOT NULL,
  service_tier          TEXT NOT NULL,
  metered               INTEGER NOT NULL,
  units_json            TEXT NOT NULL,
  estimated             INTEGER NOT NULL,
  status                TEXT NOT NULL,
  reason                TEXT NOT NULL,
  http_status           INTEGER NOT NULL,
  latency_ms            INTEGER NOT NULL,
  ttfb_ms               INTEGER NOT NULL,
  request_bytes         INTEGER NOT NULL,
  response_bytes        INTEGER NOT NULL,
  proxy_cost_pico_usd   INTEGER,
  proxy_pricing_version TEXT NOT NULL,
  cost_pico_usd         INTEGER,
  pricing_version       TEXT NOT NULL,
  price_key             TEXT NOT NULL,
  unpriced_reason       TEXT NOT NULL,
  received_unix_ms      INTEGER NOT NULL,
  pricing_notes         TEXT NOT NULL DEFAULT '',
  estimated_cost_pico_usd INTEGER,
  estimate_method       TEXT NOT NULL,
  budget_holder         TEXT NOT NULL
);
)sql";

// Every column's declaration, by name: the order of columns is not part of the shape (every
// statement names its columns).
std::vector<test_support::SqlRow> EventsColumns(const std::string& path) {
  return QueryRows(
      path,
      "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('events') "
      "ORDER BY name");
}

TEST(StoreSchema, FreshEventsTableHasTheHandWrittenVersion4Columns) {
  TempDir dir;
  const std::string fresh = dir.File("fresh.db");
  const std::string hand_written = dir.File("hand.db");
  OpenSqliteStore(fresh);
  ExecuteSql(hand_written, kHandWrittenVersion4EventsTable);
  EXPECT_EQ(EventsColumns(fresh), EventsColumns(hand_written));
}

TEST(StoreSchema, HandWrittenVersion4EventsTableStoresTheSameRow) {
  TempDir dir;
  const std::string fresh = dir.File("fresh.db");
  const std::string hand_written = dir.File("hand.db");
  // Creating the schema leaves an existing events table as it is (CREATE TABLE IF NOT EXISTS).
  ExecuteSql(hand_written, kHandWrittenVersion4EventsTable);
  for (const std::string& path : {fresh, hand_written}) {
    auto store = OpenSqliteStore(path);
    ASSERT_NE(store, nullptr);
    store->InsertEvents(std::vector{MakeEvent("same-row")});
    EXPECT_EQ(std::get<std::optional<Event>>(store->FindEvent("same-row"))->pricing_notes,
              "model_fallback,tier_fallback");
  }
  EXPECT_EQ(QueryRows(fresh, "SELECT * FROM events"),
            QueryRows(hand_written, "SELECT * FROM events"));
}

}  // namespace
}  // namespace costgate::central
