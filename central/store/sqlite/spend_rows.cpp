// Budget spend counters as rows: one per budget x period, added to on ingest in the event
// insert's transaction, seeded from the stored events once when a budget starts mid-period.
#include <string>
#include <utility>

#include "central/store/sqlite/budget_rows.h"
#include "central/store/sqlite/store_statements.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {

// A budget deleted since the caller looked it up gets no counter: counters exist only for
// budgets that exist (DeleteBudget removes them in its transaction).
const char* const kAddSpendSql =
    "INSERT INTO budget_spend (budget_id, period_key, period_start_unix_ms, period_end_unix_ms, "
    "spent_pico_usd, events) "
    "SELECT ?1, ?2, ?3, ?4, ?5, 1 WHERE EXISTS (SELECT 1 FROM budgets WHERE id = ?1) "
    "ON CONFLICT (budget_id, period_key) DO UPDATE SET "
    "spent_pico_usd = spent_pico_usd + excluded.spent_pico_usd, events = events + 1";
const char* const kGetSpendSql =
    "SELECT period_start_unix_ms, period_end_unix_ms, spent_pico_usd, events FROM budget_spend "
    "WHERE budget_id = ?1 AND period_key = ?2";
// One statement, so the scan and the write see the same events. sum() skips NULL (unpriced)
// costs, count(*) counts them: an unpriced event is an event at 0. The aggregate always yields a
// row; the outer WHERE drops it when the budget does not exist. The range on start_unix_ms is
// what events_by_start serves; each scope field matches when empty.
const char* const kSeedSpendSql =
    "INSERT INTO budget_spend (budget_id, period_key, period_start_unix_ms, period_end_unix_ms, "
    "spent_pico_usd, events) "
    "SELECT ?1, ?2, ?3, ?4, s.spent, s.n FROM ("
    "SELECT coalesce(sum(cost_pico_usd), 0) AS spent, count(*) AS n FROM events "
    "WHERE start_unix_ms >= ?3 AND start_unix_ms < ?4 "
    "AND (?5 = '' OR workspace = ?5) AND (?6 = '' OR team = ?6) "
    "AND (?7 = '' OR project = ?7) AND (?8 = '' OR source_app = ?8) "
    "AND (?9 = '' OR environment = ?9) AND (?10 = '' OR user = ?10) "
    "AND (?11 = '' OR provider = ?11) AND (?12 = '' OR model = ?12)"
    ") AS s WHERE EXISTS (SELECT 1 FROM budgets WHERE id = ?1) "
    "ON CONFLICT (budget_id, period_key) DO UPDATE SET "
    "period_start_unix_ms = excluded.period_start_unix_ms, "
    "period_end_unix_ms = excluded.period_end_unix_ms, "
    "spent_pico_usd = excluded.spent_pico_usd, events = excluded.events";

int AddSpend(sqlite3_stmt* add_spend, const std::vector<SpendIncrement>& increments) {
  for (const SpendIncrement& increment : increments) {
    sqlite::ResetOnExit reset(add_spend);
    sqlite::Binder b(add_spend);
    b.Text(increment.budget_id);
    b.Text(increment.period_key);
    b.Int(increment.period_start_unix_ms);
    b.Int(increment.period_end_unix_ms);
    b.Int(increment.amount.pico());
    if (const int rc = b.Step(); rc != SQLITE_DONE) {
      return rc;
    }
  }
  return SQLITE_DONE;
}

StoreResult<BudgetSpend> SqliteStore::GetSpend(const std::string& budget_id,
                                               const std::string& period_key) {
  sqlite3_stmt* stmt = statements_->budgets.get_spend;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(budget_id);
  b.Text(period_key);
  BudgetSpend spend;
  spend.budget_id = budget_id;
  spend.period_key = period_key;
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return spend;
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db_, "read spend of budget " + budget_id)};
  }
  sqlite::Reader r(stmt);
  spend.period_start_unix_ms = r.Int();
  spend.period_end_unix_ms = r.Int();
  spend.spent = pricing::Money::FromPico(r.Int());
  spend.events = r.Int();
  return spend;
}

StoreResult<bool> SeedCounter(sqlite3* db, sqlite3_stmt* seed_spend, const std::string& budget_id,
                              const SpendSeed& seed, const BudgetScope& scope) {
  sqlite::ResetOnExit reset(seed_spend);
  sqlite::Binder b(seed_spend);
  b.Text(budget_id);
  b.Text(seed.period_key);
  b.Int(seed.period_start_unix_ms);
  b.Int(seed.period_end_unix_ms);
  for (const std::string* field : ScopeFields(scope)) {
    b.Text(*field);
  }
  if (b.Step() != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, "seed spend of budget " + budget_id)};
  }
  return sqlite3_changes64(db) > 0;
}

StoreResult<bool> SqliteStore::SeedSpend(const std::string& budget_id,
                                         const std::string& period_key,
                                         int64_t period_start_unix_ms, int64_t period_end_unix_ms,
                                         const BudgetScope& scope) {
  return SeedCounter(db_, statements_->budgets.seed_spend, budget_id,
                     {period_key, period_start_unix_ms, period_end_unix_ms}, scope);
}

}  // namespace costgate::central
