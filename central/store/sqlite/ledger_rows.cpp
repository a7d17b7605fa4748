// Holds and leases as rows: their SQL, the committed read, and what an event insert settles. The
// reservation and the lease sync, each in a transaction, are in ledger_changes.cpp.
#include "central/store/sqlite/ledger_rows.h"

#include <array>
#include <limits>
#include <string>
#include <utility>

#include "central/store/sqlite/store_statements.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

// The three parts of committed() in one statement, so they are read at one instant. ?4's holds
// are left out: a reservation under that id replaces them. max(0, ...) is SQLite's scalar max:
// a lease whose events cost more than it granted reserves nothing more, and frees nothing.
constexpr const char* kCommittedSql =
    "SELECT coalesce((SELECT spent_pico_usd FROM budget_spend "
    "WHERE budget_id = ?1 AND period_key = ?2), 0), "
    "(SELECT coalesce(sum(max(0, granted_pico_usd - ingested_pico_usd)), 0) FROM budget_leases "
    "WHERE budget_id = ?1 AND period_key = ?2 AND expires_unix_ms > ?3), "
    "(SELECT coalesce(sum(amount_pico_usd), 0) FROM budget_holds "
    "WHERE budget_id = ?1 AND period_key = ?2 AND expires_unix_ms > ?3 AND hold_id <> ?4)";
// Bounded: a reservation never waits on a long purge. Each reservation adds at most one row per
// budget, so a few hundred a time keeps up.
constexpr const char* kPurgeHoldsSql =
    "DELETE FROM budget_holds WHERE (hold_id, budget_id) IN (SELECT hold_id, budget_id FROM "
    "budget_holds WHERE expires_unix_ms <= ?1 ORDER BY expires_unix_ms LIMIT 256)";
constexpr const char* kDeleteHoldsSql = "DELETE FROM budget_holds WHERE hold_id = ?1";
constexpr const char* kInsertHoldSql =
    "INSERT INTO budget_holds (hold_id, budget_id, period_key, amount_pico_usd, expires_unix_ms) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
// ?2 is '' for an event without a request_id; no hold has that id.
constexpr const char* kSettleHoldsSql = "DELETE FROM budget_holds WHERE hold_id IN (?1, ?2)";
constexpr const char* kAnyHoldsSql = "SELECT EXISTS (SELECT 1 FROM budget_holds)";
constexpr const char* kCreditLeaseSql =
    "UPDATE budget_leases SET ingested_pico_usd = ingested_pico_usd + ?4 "
    "WHERE budget_id = ?1 AND period_key = ?2 AND holder = ?3";
constexpr const char* kFindLeaseSql =
    "SELECT granted_pico_usd, ingested_pico_usd, expires_unix_ms FROM budget_leases "
    "WHERE budget_id = ?1 AND period_key = ?2 AND holder = ?3";
// What was used stays reserved until its events arrive; what they already brought is spent.
constexpr const char* kReleaseLeaseSql =
    "UPDATE budget_leases SET granted_pico_usd = max(?4, ingested_pico_usd), updated_unix_ms = ?5 "
    "WHERE budget_id = ?1 AND period_key = ?2 AND holder = ?3";
constexpr const char* kCountHoldersSql =
    "SELECT count(*) FROM budget_leases "
    "WHERE budget_id = ?1 AND period_key = ?2 AND expires_unix_ms > ?3 AND holder <> ?4";
constexpr const char* kGrantLeaseSql =
    "INSERT INTO budget_leases (budget_id, period_key, holder, granted_pico_usd, "
    "ingested_pico_usd, expires_unix_ms, updated_unix_ms) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6) "
    "ON CONFLICT (budget_id, period_key, holder) DO UPDATE SET "
    "granted_pico_usd = granted_pico_usd + excluded.granted_pico_usd, "
    "expires_unix_ms = excluded.expires_unix_ms, updated_unix_ms = excluded.updated_unix_ms "
    "RETURNING granted_pico_usd";
// A lease of an ended period, once expired, is no one's any more.
constexpr const char* kPurgeOldLeasesSql =
    "DELETE FROM budget_leases WHERE budget_id = ?1 AND period_key <> ?2 AND expires_unix_ms <= ?3";
// Leases of budgets deleted or made soft since; bounded like the holds' purge.
constexpr const char* kPurgeOrphanLeasesSql =
    "DELETE FROM budget_leases WHERE (budget_id, period_key, holder) IN ("
    "SELECT l.budget_id, l.period_key, l.holder FROM budget_leases AS l "
    "WHERE l.expires_unix_ms <= ?1 AND NOT EXISTS "
    "(SELECT 1 FROM budgets AS b WHERE b.id = l.budget_id AND b.hard_limit <> 0) LIMIT 64)";

int64_t SaturatingSum(std::initializer_list<int64_t> parts) {
  int64_t sum = 0;
  for (const int64_t part : parts) {
    if (__builtin_add_overflow(sum, part, &sum)) {
      return std::numeric_limits<int64_t>::max();
    }
  }
  return sum;
}

}  // namespace

LedgerStatements::~LedgerStatements() {
  for (sqlite3_stmt* stmt : {committed, purge_holds, delete_holds, insert_hold, settle_holds,
                             any_holds, credit_lease, find_lease, release_lease, count_holders,
                             grant_lease, purge_old_leases, purge_orphan_leases}) {
    sqlite3_finalize(stmt);
  }
}

StoreStatus LedgerStatements::PrepareAll(sqlite3* db) {
  const std::array<std::pair<sqlite3_stmt**, const char*>, 13> all = {{
      {&committed, kCommittedSql},
      {&purge_holds, kPurgeHoldsSql},
      {&delete_holds, kDeleteHoldsSql},
      {&insert_hold, kInsertHoldSql},
      {&settle_holds, kSettleHoldsSql},
      {&any_holds, kAnyHoldsSql},
      {&credit_lease, kCreditLeaseSql},
      {&find_lease, kFindLeaseSql},
      {&release_lease, kReleaseLeaseSql},
      {&count_holders, kCountHoldersSql},
      {&grant_lease, kGrantLeaseSql},
      {&purge_old_leases, kPurgeOldLeasesSql},
      {&purge_orphan_leases, kPurgeOrphanLeasesSql},
  }};
  for (const auto& [stmt, sql] : all) {
    if (auto error = sqlite::Prepare(db, sql, stmt)) {
      return StoreError{*std::move(error)};
    }
  }
  return std::nullopt;
}

std::optional<bool> AnyHolds(const LedgerStatements& s) {
  sqlite::ResetOnExit reset(s.any_holds);
  if (sqlite3_step(s.any_holds) != SQLITE_ROW) {
    return std::nullopt;
  }
  return sqlite3_column_int(s.any_holds, 0) != 0;
}

int SettleLedger(const LedgerStatements& s, const Event& event,
                 const std::vector<SpendIncrement>* increments, bool holds_exist) {
  if (increments != nullptr && !event.budget_holder.empty()) {
    for (const SpendIncrement& increment : *increments) {
      sqlite::ResetOnExit reset(s.credit_lease);
      sqlite::Binder b(s.credit_lease);
      b.Text(increment.budget_id);
      b.Text(increment.period_key);
      b.Text(event.budget_holder);
      b.Int(increment.amount.pico());
      if (const int rc = b.Step(); rc != SQLITE_DONE) {
        return rc;
      }
    }
  }
  if (!holds_exist) {
    return SQLITE_DONE;
  }
  sqlite::ResetOnExit reset(s.settle_holds);
  sqlite::Binder b(s.settle_holds);
  b.Text(event.event_id);
  b.Text(event.request_id);
  return b.Step();
}

StoreResult<pricing::Money> ReadCommitted(sqlite3* db, const LedgerStatements& s,
                                          const std::string& budget_id,
                                          const std::string& period_key, int64_t now_unix_ms,
                                          const std::string& except_hold_id) {
  sqlite::ResetOnExit reset(s.committed);
  sqlite::Binder b(s.committed);
  b.Text(budget_id);
  b.Text(period_key);
  b.Int(now_unix_ms);
  b.Text(except_hold_id);
  if (b.Step() != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "read committed amount of budget " + budget_id)};
  }
  sqlite::Reader r(s.committed);
  const int64_t spent = r.Int();
  const int64_t leased = r.Int();
  const int64_t held = r.Int();
  return pricing::Money::FromPico(SaturatingSum({spent, leased, held}));
}

StoreResult<pricing::Money> SqliteStore::GetCommitted(const std::string& budget_id,
                                                      const std::string& period_key,
                                                      int64_t now_unix_ms) {
  // One statement: SQLite reads it in one snapshot without a transaction of ours.
  return ReadCommitted(db_, statements_->ledger, budget_id, period_key, now_unix_ms, "");
}

}  // namespace costgate::central
