// Version 4 adds the alert tables: a version-3 database upgrades with its rows kept and ends with
// the schema of a new database.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using store_testing::ExecuteSql;
using store_testing::MakeEvent;
using store_testing::OpenSqliteStore;
using store_testing::QueryRows;
using store_testing::TempDir;

std::vector<test_support::SqlRow> AlertMigrationSchemaOf(const std::string& path) {
  return QueryRows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
}

TEST(AlertTablesMigration, Version3GainsTheAlertTablesWithItsRowsKept) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_NE(store, nullptr);
    store->InsertEvents(std::vector{MakeEvent("old-1")});
  }
  // Version 3 had everything but the alert tables (sqlite_sequence was there for audit_log).
  ExecuteSql(path,
             "DROP TABLE alert_attempts; DROP TABLE alert_deliveries; DROP TABLE budget_alerts; "
             "DELETE FROM sqlite_sequence WHERE name <> 'audit_log'; PRAGMA user_version = 3;");

  auto store = OpenSqliteStore(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "4");
  EXPECT_EQ(std::get<int64_t>(store->CountEvents()), 1);
  Alert alert;
  alert.budget_id = "bud_000000000001";
  alert.period_key = "2025-12";
  alert.kind = std::string(kAlertThreshold);
  alert.threshold_percent = 50;
  EXPECT_TRUE(std::get<bool>(store->RecordAlert(alert, {})));
  store.reset();

  TempDir fresh_dir;
  const std::string fresh = fresh_dir.File("fresh.db");
  OpenSqliteStore(fresh);
  EXPECT_EQ(AlertMigrationSchemaOf(path), AlertMigrationSchemaOf(fresh));
}

}  // namespace
}  // namespace costgate::central
