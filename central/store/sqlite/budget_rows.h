// Internal to central/store/sqlite: the prepared statements of budgets, their spend counters and
// the audit log, which a SqliteStore reuses for its lifetime (the SQL is in budget_rows.cpp and
// spend_rows.cpp), and how a budget is written as a row.
#pragma once

#include <sqlite3.h>

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "central/store/budget.h"
#include "central/store/store.h"

namespace costgate::central {

struct BudgetStatements {
  BudgetStatements() = default;
  BudgetStatements(const BudgetStatements&) = delete;
  BudgetStatements& operator=(const BudgetStatements&) = delete;
  ~BudgetStatements();

  // Prepares every statement; on failure the ones prepared are finalized by the destructor.
  StoreStatus PrepareAll(sqlite3* db);

  sqlite3_stmt* budget_state = nullptr;  // does the id exist; is the name another budget's
  sqlite3_stmt* insert_budget = nullptr;
  sqlite3_stmt* update_budget = nullptr;
  sqlite3_stmt* delete_budget = nullptr;
  sqlite3_stmt* delete_spend = nullptr;
  sqlite3_stmt* find_budget = nullptr;
  sqlite3_stmt* list_budgets = nullptr;
  sqlite3_stmt* insert_audit = nullptr;
  sqlite3_stmt* list_audit = nullptr;
  sqlite3_stmt* add_spend = nullptr;
  sqlite3_stmt* get_spend = nullptr;
  sqlite3_stmt* seed_spend = nullptr;
};

// Writes `audit` (its id ignored) with `stmt` (insert_audit), inside the caller's transaction:
// every audited change (budgets, accounts, keys) writes its row this way.
StoreStatus InsertAudit(sqlite3* db, sqlite3_stmt* stmt, const AuditEntry& audit);

// The scope's fields in the order of their columns (budgets) and parameters (kSeedSpendSql).
template <typename Scope>  // BudgetScope or const BudgetScope
std::array<decltype(&std::declval<Scope&>().workspace), 8> ScopeFields(Scope& scope) {
  return {&scope.workspace,   &scope.team, &scope.project,  &scope.source_app,
          &scope.environment, &scope.user, &scope.provider, &scope.model};
}

// Runs `stmt` (insert_budget or update_budget) bound to `budget`, columns in the order of the
// budgets table; a failure is "<what> <name>: <SQLite's message>".
StoreStatus WriteBudget(sqlite3* db, sqlite3_stmt* stmt, const Budget& budget,
                        std::string_view what);

// spend_rows.cpp: the SQL of the counters.
extern const char* const kAddSpendSql;
extern const char* const kGetSpendSql;
extern const char* const kSeedSpendSql;

// Sets the counter of `budget_id` in seed's period to the stored events `scope` covers, with
// `seed_spend` (kSeedSpendSql), inside the caller's transaction or alone. False, setting nothing,
// when no budget has this id.
StoreResult<bool> SeedCounter(sqlite3* db, sqlite3_stmt* seed_spend, const std::string& budget_id,
                              const SpendSeed& seed, const BudgetScope& scope);

// Adds one stored event's increments to their counters with `add_spend` (kAddSpendSql), inside
// the caller's transaction. Returns SQLITE_DONE, or the code of the first step that failed.
int AddSpend(sqlite3_stmt* add_spend, const std::vector<SpendIncrement>& increments);

}  // namespace costgate::central
