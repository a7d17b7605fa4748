// Changes of budgets. Each change and its audit row are one transaction: the log never shows a
// change that did not happen, nor misses one that did.
#include <string>
#include <string_view>
#include <utility>

#include "central/store/sqlite/budget_rows.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

// Whether a budget has `id`, and whether a budget other than it has `name`.
struct BudgetState {
  bool exists = false;
  bool name_taken = false;
};

StoreResult<BudgetState> ReadBudgetState(sqlite3* db, sqlite3_stmt* stmt, const std::string& id,
                                         const std::string& name) {
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(name);
  b.Text(id);
  if (b.Step() != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "look up budget " + id)};
  }
  sqlite::Reader r(stmt);
  const bool exists = r.Int() != 0;
  return BudgetState{exists, r.Int() != 0};
}

// One statement with `id` as its only parameter.
StoreStatus RunWithId(sqlite3* db, sqlite3_stmt* stmt, const std::string& id,
                      std::string_view what) {
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(id);
  if (b.Step() != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, std::string(what) + " " + id)};
  }
  return std::nullopt;
}

// Runs `change` between BEGIN IMMEDIATE and COMMIT, writing `audit` when it is kDone; on every
// other outcome rolls back, so a refused change leaves nothing, not even its audit row.
template <typename Change>
StoreResult<BudgetChange> InTransaction(sqlite3* db, sqlite3_stmt* begin, sqlite3_stmt* commit,
                                        sqlite3_stmt* insert_audit, const AuditEntry& audit,
                                        Change change) {
  if (StoreStatus error = StepDone(db, begin, "begin budget change")) {
    return *std::move(error);
  }
  StoreResult<BudgetChange> result = change();
  if (const auto* outcome = std::get_if<BudgetChange>(&result);
      outcome && *outcome == BudgetChange::kDone) {
    StoreStatus error = InsertAudit(db, insert_audit, audit);
    if (!error) {
      error = StepDone(db, commit, "commit budget change");
    }
    if (!error) {
      return result;
    }
    result = *std::move(error);
  }
  sqlite::RollbackIfOpen(db);
  return result;
}

enum class Write { kCreate, kUpdate };

// Inside the caller's transaction: writes `budget` unless it would break a rule of budgets,
// which the state read first tells (a second budget of the same name; an update of none); then
// seeds its counter when asked.
StoreResult<BudgetChange> WriteChecked(sqlite3* db, const BudgetStatements& s, const Budget& budget,
                                       Write write, const std::optional<SpendSeed>& seed) {
  auto state = ReadBudgetState(db, s.budget_state, budget.id, budget.name);
  if (auto* error = std::get_if<StoreError>(&state)) {
    return *std::move(error);
  }
  if (write == Write::kUpdate && !std::get<BudgetState>(state).exists) {
    return BudgetChange::kNotFound;
  }
  if (std::get<BudgetState>(state).name_taken) {
    return BudgetChange::kNameTaken;
  }
  const bool create = write == Write::kCreate;
  if (auto error = WriteBudget(db, create ? s.insert_budget : s.update_budget, budget,
                               create ? "create budget" : "update budget")) {
    return *std::move(error);
  }
  if (seed) {
    StoreResult<bool> seeded = SeedCounter(db, s.seed_spend, budget.id, *seed, budget.scope);
    if (auto* error = std::get_if<StoreError>(&seeded)) {
      return *std::move(error);
    }
  }
  return BudgetChange::kDone;
}

}  // namespace

StoreStatus InsertAudit(sqlite3* db, sqlite3_stmt* stmt, const AuditEntry& audit) {
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Int(audit.at_unix_ms);
  b.Text(audit.actor);
  b.Text(audit.action);
  b.Text(audit.object_id);
  b.Text(audit.before_json);
  b.Text(audit.after_json);
  if (b.Step() != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, "write audit row of " + audit.object_id)};
  }
  return std::nullopt;
}

StoreResult<BudgetChange> SqliteStore::CreateBudget(const Budget& budget, const AuditEntry& audit,
                                                    const std::optional<SpendSeed>& seed) {
  return InTransaction(
      db_, statements_->begin, statements_->commit, statements_->budgets.insert_audit, audit,
      [&] { return WriteChecked(db_, statements_->budgets, budget, Write::kCreate, seed); });
}

StoreResult<BudgetChange> SqliteStore::UpdateBudget(const Budget& budget, const AuditEntry& audit,
                                                    const std::optional<SpendSeed>& seed) {
  return InTransaction(
      db_, statements_->begin, statements_->commit, statements_->budgets.insert_audit, audit,
      [&] { return WriteChecked(db_, statements_->budgets, budget, Write::kUpdate, seed); });
}

StoreResult<BudgetChange> SqliteStore::DeleteBudget(const std::string& id,
                                                    const AuditEntry& audit) {
  BudgetStatements& s = statements_->budgets;
  return InTransaction(
      db_, statements_->begin, statements_->commit, s.insert_audit, audit,
      [&]() -> StoreResult<BudgetChange> {
        if (auto error = RunWithId(db_, s.delete_budget, id, "delete budget")) {
          return *std::move(error);
        }
        if (sqlite3_changes64(db_) == 0) {
          return BudgetChange::kNotFound;
        }
        if (auto error = RunWithId(db_, s.delete_spend, id, "delete counters of budget")) {
          return *std::move(error);
        }
        return BudgetChange::kDone;
      });
}

}  // namespace costgate::central
