// Internal to central/store/sqlite: the prepared statements of the budget ledger (holds and
// leases, central/store/ledger.h), which a SqliteStore reuses for its lifetime, and the two steps
// the event insert takes in its own transaction. The SQL is in ledger_rows.cpp.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "central/store/budget.h"
#include "central/store/event.h"
#include "central/store/store.h"

namespace costgate::central {

struct LedgerStatements {
  LedgerStatements() = default;
  LedgerStatements(const LedgerStatements&) = delete;
  LedgerStatements& operator=(const LedgerStatements&) = delete;
  ~LedgerStatements();

  // Prepares every statement; on failure the ones prepared are finalized by the destructor.
  StoreStatus PrepareAll(sqlite3* db);

  sqlite3_stmt* committed = nullptr;  // spent, leases' outstanding, holds of a budget's period
  sqlite3_stmt* purge_holds = nullptr;
  sqlite3_stmt* delete_holds = nullptr;  // every hold of one id
  sqlite3_stmt* insert_hold = nullptr;
  sqlite3_stmt* settle_holds = nullptr;  // the holds an event settles
  sqlite3_stmt* any_holds = nullptr;     // whether there is any hold at all
  sqlite3_stmt* credit_lease = nullptr;
  sqlite3_stmt* find_lease = nullptr;
  sqlite3_stmt* release_lease = nullptr;
  sqlite3_stmt* count_holders = nullptr;
  sqlite3_stmt* grant_lease = nullptr;  // adds to a lease (0 renews it), creating it if needed
  sqlite3_stmt* purge_old_leases = nullptr;
  sqlite3_stmt* purge_orphan_leases = nullptr;
};

// Whether budget_holds has a row: read once per insert transaction, whose write lock keeps it
// true until commit. Without holds (no preflight in use) there is nothing to settle, and a
// delete per event was a tenth of ingest's time. nullopt when the read failed.
std::optional<bool> AnyHolds(const LedgerStatements& s);

// For one stored event, inside the event insert's transaction: credits its holder's leases with
// its increments (nothing when the event has no budget_holder) and, when `holds_exist`, deletes
// the holds it settles. Returns SQLITE_DONE, or the code of the first step that failed.
int SettleLedger(const LedgerStatements& s, const Event& event,
                 const std::vector<SpendIncrement>* increments, bool holds_exist);

// committed(budget, period) at `now_unix_ms` (ledger.h), leaving out the holds of
// `except_hold_id` ("" leaves none out); saturated at the largest Money.
StoreResult<pricing::Money> ReadCommitted(sqlite3* db, const LedgerStatements& s,
                                          const std::string& budget_id,
                                          const std::string& period_key, int64_t now_unix_ms,
                                          const std::string& except_hold_id);

}  // namespace costgate::central
