// Version 5 adds the analytics rollups: a version-4 database keeps its events and gets rollups
// built from them, in UTC days until central sets its zone.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "tests/unit/central/store/analytics_helpers.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

constexpr int64_t kMigrationFrom = 1'790'812'800'000;  // 2026-10-01T00:00:00Z
constexpr int64_t kMigrationDayMs = 86'400'000;

TEST(RollupMigration, Version4EventsGetRollups) {
  store_testing::TempDir dir;
  const std::string path = dir.File("central.db");
  const std::vector<Event> events =
      analytics_testing::RandomEvents(11, 500, kMigrationFrom, 6 * kMigrationDayMs);
  {
    std::unique_ptr<Store> store = store_testing::OpenSqliteStore(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(store->InsertEvents(events)));
  }
  // Back to version 4: no rollup tables.
  std::string drop;
  for (auto& row : store_testing::QueryRows(
           path,
           "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'rollup%' "
           "OR name = 'analytics_meta')")) {
    drop += "DROP TABLE " + *row["name"] + ";";
  }
  // Nor the users' place (version 5 too).
  store_testing::ExecuteSql(path, drop +
                                      "ALTER TABLE users DROP COLUMN workspace_id;"
                                      "ALTER TABLE users DROP COLUMN team_id;"
                                      "PRAGMA user_version = 4;");
  std::unique_ptr<Store> store = store_testing::OpenSqliteStore(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store_testing::QueryRows(path, "PRAGMA user_version")[0]["user_version"], "6");
  EXPECT_EQ(std::get<int64_t>(store->CountEvents()), 500);
  const auto tables = store_testing::QueryRows(
      path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rollup%'");
  EXPECT_EQ(tables.size(), 30u);  // 4 named, an hour and a day table per dimension
  for (const auto& table : tables) {
    EXPECT_EQ(
        *store_testing::QueryRows(path, "SELECT SUM(calls) AS n FROM " + *table.at("name"))[0]["n"],
        "500")
        << *table.at("name");
  }
  const AnalyticsQuery q{
      kMigrationFrom + 77, kMigrationFrom + 5 * kMigrationDayMs + 1, {}, {Dimension::kUser}};
  auto rows = store->Aggregate(q);
  ASSERT_TRUE(std::holds_alternative<std::vector<AnalyticsRow>>(rows));
  EXPECT_EQ(analytics_testing::ToMap(std::get<std::vector<AnalyticsRow>>(rows)),
            analytics_testing::BruteForce(events, q));
  EXPECT_EQ(std::get<std::string>(store->AnalyticsTimeZone()), "UTC");
}

}  // namespace
}  // namespace costgate::central
