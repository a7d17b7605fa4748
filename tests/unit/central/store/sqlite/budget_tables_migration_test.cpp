// Version 3 adds the budget tables: a version-2 database, as this build's code made it before
// them, upgrades with its rows kept and ends with the schema of a new database.
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

// Version 3's tables and those of later versions: what a version-2 database did not have.
constexpr const char* kVersion3Tables =
    "'budgets', 'budget_spend', 'audit_log', 'sqlite_sequence', 'budget_alerts', "
    "'alert_deliveries', 'alert_attempts'";

// Every table and index, by name: what a schema is, whatever order it was made in.
std::vector<test_support::SqlRow> SchemaOf(const std::string& path) {
  return QueryRows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
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
                           kVersion3Tables + ") ORDER BY type = 'index', name")) {
    sql += *row["sql"] + ";\n";
    if (*row["type"] == "table") {
      tables.push_back(*row["name"]);
    }
  }
  sql += "ATTACH DATABASE '" + made + "' AS made;\n";
  for (const std::string& table : tables) {
    sql += "INSERT INTO main." + table + " SELECT * FROM made." + table + ";\n";
  }
  sql += "DETACH DATABASE made;\nPRAGMA user_version = 2;\n";
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
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "4");
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

}  // namespace
}  // namespace costgate::central
