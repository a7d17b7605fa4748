// Version 3 adds the budget tables: a version-2 database, as this build's code made it before
// them, upgrades with its rows kept and ends with the schema of a new database. Version 4's
// ledger tables (budget_holds, budget_leases) and alert tables (budget_alerts, alert_deliveries,
// alert_attempts) come to a version-3 database the same way.
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

constexpr const char* kVersion3Tables = "'budgets', 'budget_spend', 'audit_log', 'sqlite_sequence'";
// Newer still: a version-2 database has none of them either.
constexpr const char* kVersion4Tables =
    "'budget_holds', 'budget_leases', 'budget_alerts', 'alert_deliveries', 'alert_attempts'";

// Every table and index, by name: what a schema is, whatever order it was made in. The events
// table by its columns: ALTER TABLE appends a column (with the default it needs), where a fresh
// table declares it among the receipt's fields; every statement names its columns.
std::vector<test_support::SqlRow> SchemaOf(const std::string& path) {
  std::vector<test_support::SqlRow> schema = QueryRows(
      path,
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name != 'events' ORDER BY name");
  for (test_support::SqlRow& column :
       QueryRows(path,
                 "SELECT name, type, \"notnull\", pk FROM pragma_table_info('events') ORDER BY "
                 "name")) {
    schema.push_back(std::move(column));
  }
  return schema;
}

// At `version2`: the schema and rows of the store at `made` but for the version-3 tables (the
// version-2 schema is the rest unchanged), user_version 2. Made table by table into a new file
// so that nothing of version 3 is left behind (sqlite_sequence cannot be dropped).
void CopyAsVersion2(const std::string& made, const std::string& version2) {
  std::string sql;
  std::vector<std::string> tables;
  for (auto& row :
       QueryRows(made, std::string("SELECT type, name, sql FROM sqlite_master WHERE sql IS "
                                   "NOT NULL AND tbl_name NOT IN (") +
                           kVersion3Tables + ", " + kVersion4Tables +
                           ") ORDER BY type = 'index', name")) {
    sql += *row["sql"] + ";\n";
    if (*row["type"] == "table") {
      tables.push_back(*row["name"]);
    }
  }
  sql += "ATTACH DATABASE '" + made + "' AS made;\n";
  for (const std::string& table : tables) {
    sql += "INSERT INTO main." + table + " SELECT * FROM made." + table + ";\n";
  }
  sql += "DETACH DATABASE made;\n";
  // Version 4's event columns did not exist at version 2.
  for (const char* column : {"estimated_cost_pico_usd", "estimate_method", "budget_holder"}) {
    sql += std::string("ALTER TABLE main.events DROP COLUMN ") + column + ";\n";
  }
  // Nor version 5's place of a user.
  for (const char* column : {"workspace_id", "team_id"}) {
    sql += std::string("ALTER TABLE main.users DROP COLUMN ") + column + ";\n";
  }
  sql += "PRAGMA user_version = 2;\n";
  ExecuteSql(version2, sql);
}

TEST(BudgetTablesMigration, Version2GainsTheBudgetTablesWithItsRowsKept) {
  TempDir dir;
  const std::string made = dir.File("made.db");
  const std::string path = dir.File("central.db");
  {
    auto store = OpenSqliteStore(made);
    ASSERT_NE(store, nullptr);
    store->InsertEvents(std::vector{MakeEvent("old-1"), MakeEvent("old-2")});
    ApiKeyRecord key;
    key.id = "key_000000000001";
    key.name = "ci";
    key.hash = "hash-1";
    ASSERT_EQ(store->CreateKey(key), std::nullopt);
  }
  CopyAsVersion2(made, path);
  ASSERT_EQ(QueryRows(path, "SELECT count(*) AS n FROM sqlite_master WHERE name IN (" +
                                std::string(kVersion3Tables) + ")")[0]["n"],
            "0");

  auto store = OpenSqliteStore(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "6");
  EXPECT_EQ(std::get<int64_t>(store->CountEvents()), 2);
  EXPECT_EQ(std::get<std::optional<Event>>(store->FindEvent("old-2"))->model, "gemini-2.5-flash");
  EXPECT_EQ(std::get<std::optional<ApiKeyRecord>>(store->FindKeyByHash("hash-1"))->name, "ci");
  EXPECT_EQ(
      std::get<std::vector<InsertResult>>(store->InsertEvents(std::vector{MakeEvent("old-1")})),
      (std::vector{InsertResult::kDuplicate}));

  Budget budget;
  budget.id = "bud_000000000001";
  budget.name = "after-upgrade";
  budget.period = "monthly";
  AuditEntry audit;
  audit.action = "budget.create";
  ASSERT_EQ(std::get<BudgetChange>(store->CreateBudget(budget, audit)), BudgetChange::kDone);
  ASSERT_TRUE(std::get<bool>(store->SeedSpend(budget.id, "2025-11", 0, INT64_MAX, {})));
  EXPECT_EQ(std::get<BudgetSpend>(store->GetSpend(budget.id, "2025-11")).events, 2);
  store.reset();

  TempDir fresh_dir;
  const std::string fresh = fresh_dir.File("fresh.db");
  OpenSqliteStore(fresh);
  EXPECT_EQ(SchemaOf(path), SchemaOf(fresh));
}

TEST(LedgerTablesMigration, Version3GainsTheLedgerAndAlertTablesWithItsRowsKept) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  {
    auto store = OpenSqliteStore(path);
    ASSERT_NE(store, nullptr);
    store->InsertEvents(std::vector{MakeEvent("old-1")});
  }
  // Back to version 3: without the ledger, the alert tables, version 4's event columns and
  // version 5's place of a user.
  ExecuteSql(path,
             "DROP TABLE budget_holds; DROP TABLE budget_leases; "
             "DROP TABLE alert_attempts; DROP TABLE alert_deliveries; DROP TABLE budget_alerts; "
             "ALTER TABLE events DROP COLUMN estimated_cost_pico_usd; "
             "ALTER TABLE events DROP COLUMN estimate_method; "
             "ALTER TABLE events DROP COLUMN budget_holder; "
             "ALTER TABLE users DROP COLUMN workspace_id; ALTER TABLE users DROP COLUMN team_id; "
             "PRAGMA user_version = 3;");

  auto store = OpenSqliteStore(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "6");
  EXPECT_EQ(std::get<int64_t>(store->CountEvents()), 1);
  const std::vector<HoldRequest> holds = {
      {"bud_1", "2025-12", pricing::Money::FromPico(5), pricing::Money::FromPico(10)}};
  ASSERT_TRUE(std::get<HoldOutcome>(store->ReserveHolds("h-1", holds, 2'000, 1'000)).allowed);
  EXPECT_EQ(std::get<pricing::Money>(store->GetCommitted("bud_1", "2025-12", 1'000)).pico(), 5);
  Alert alert;
  alert.budget_id = "bud_1";
  alert.period_key = "2025-12";
  alert.kind = std::string(kAlertThreshold);
  alert.threshold_percent = 50;
  EXPECT_TRUE(std::get<bool>(store->RecordAlert(alert, {})));
  store.reset();

  TempDir fresh_dir;
  const std::string fresh = fresh_dir.File("fresh.db");
  OpenSqliteStore(fresh);
  EXPECT_EQ(SchemaOf(path), SchemaOf(fresh));
}

}  // namespace
}  // namespace costgate::central
