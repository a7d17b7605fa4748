// The ledger's two writes, each one transaction: reserving holds (POST /v1/preflight) and a
// holder's lease sync (POST /v1/budget/leases).
//
// Why they are race-free: BEGIN IMMEDIATE takes SQLite's write lock before the first read, so
// the committed amount a reservation checks cannot change under it until it commits; every
// writer of the file (other connections, other central processes on the same file) waits its
// turn (busy_timeout). A PostgreSQL store does the same by locking the budgets' rows first
// (SELECT 1 FROM budgets WHERE id = ANY($1) ORDER BY id FOR UPDATE, in id order so that two
// reservations never deadlock): reservations against the same budget run one after the other,
// against different budgets side by side; ingest's updates of spend and lease rows need no
// such lock, because they only move committed from one part to another or down.
#include <algorithm>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "central/store/sqlite/ledger_rows.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

using pricing::Money;

struct LeaseRow {
  Money granted;
  Money ingested;
  int64_t expires_unix_ms = 0;
};

// Steps a statement bound by `bind` to SQLITE_DONE.
template <typename Bind>
StoreStatus Run(sqlite3* db, sqlite3_stmt* stmt, const std::string& what, Bind bind) {
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  bind(b);
  if (b.Step() != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, what)};
  }
  return std::nullopt;
}

StoreStatus PurgeHolds(sqlite3* db, const LedgerStatements& s, int64_t now_unix_ms) {
  return Run(db, s.purge_holds, "purge expired holds",
             [&](sqlite::Binder& b) { b.Int(now_unix_ms); });
}

StoreResult<std::optional<LeaseRow>> FindLease(sqlite3* db, const LedgerStatements& s,
                                               const LeaseBudget& budget,
                                               const std::string& holder) {
  sqlite::ResetOnExit reset(s.find_lease);
  sqlite::Binder b(s.find_lease);
  b.Text(budget.budget_id);
  b.Text(budget.period_key);
  b.Text(holder);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return std::optional<LeaseRow>();
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "read lease of budget " + budget.budget_id)};
  }
  sqlite::Reader r(s.find_lease);
  LeaseRow row;
  row.granted = Money::FromPico(r.Int());
  row.ingested = Money::FromPico(r.Int());
  row.expires_unix_ms = r.Int();
  return std::optional(row);
}

StoreResult<int64_t> CountHolders(sqlite3* db, const LedgerStatements& s, const LeaseBudget& budget,
                                  const std::string& holder, int64_t now_unix_ms) {
  sqlite::ResetOnExit reset(s.count_holders);
  sqlite::Binder b(s.count_holders);
  b.Text(budget.budget_id);
  b.Text(budget.period_key);
  b.Int(now_unix_ms);
  b.Text(holder);
  if (b.Step() != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "count lease holders of budget " + budget.budget_id)};
  }
  return sqlite3_column_int64(s.count_holders, 0) + 1;  // and the asking one
}

// Adds `grant` to the holder's lease (creating it) and renews it; returns its granted total.
StoreResult<Money> GrantLease(sqlite3* db, const LedgerStatements& s, const LeaseBudget& budget,
                              const std::string& holder, Money grant, int64_t expires_unix_ms,
                              int64_t now_unix_ms) {
  sqlite::ResetOnExit reset(s.grant_lease);
  sqlite::Binder b(s.grant_lease);
  b.Text(budget.budget_id);
  b.Text(budget.period_key);
  b.Text(holder);
  b.Int(grant.pico());
  b.Int(expires_unix_ms);
  b.Int(now_unix_ms);
  if (b.Step() != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "grant lease of budget " + budget.budget_id)};
  }
  return Money::FromPico(sqlite3_column_int64(s.grant_lease, 0));
}

const LeaseEntry* EntryFor(std::span<const LeaseEntry> entries, const LeaseBudget& budget) {
  for (const LeaseEntry& entry : entries) {
    if (entry.budget_id == budget.budget_id && entry.period_key == budget.period_key) {
      return &entry;
    }
  }
  return nullptr;
}

// The holder's lease of the budget granted max(used, ingested): a release, or a take-back.
StoreStatus ShrinkLease(sqlite3* db, const LedgerStatements& s, const LeaseBudget& budget,
                        const std::string& holder, Money used, int64_t now_unix_ms) {
  return Run(db, s.release_lease, "shrink lease", [&](sqlite::Binder& b) {
    b.Text(budget.budget_id);
    b.Text(budget.period_key);
    b.Text(holder);
    b.Int(used.pico());
    b.Int(now_unix_ms);
  });
}

// How much one budget's lease of `holder` grows in this sync (ledger.h, SyncLeases).
StoreResult<Money> GrantFor(sqlite3* db, const LedgerStatements& s, const LeaseBudget& budget,
                            const std::string& holder, const LeaseEntry* entry,
                            const std::optional<LeaseRow>& lease, int64_t now_unix_ms) {
  StoreResult<Money> committed =
      ReadCommitted(db, s, budget.budget_id, budget.period_key, now_unix_ms, "");
  if (const StoreError* error = std::get_if<StoreError>(&committed)) {
    return *error;
  }
  int64_t counted = std::get<Money>(committed).pico();
  const bool live = lease && lease->expires_unix_ms > now_unix_ms;
  if (lease && !live) {
    // Renewed now: what it granted and central has not seen yet is reserved again, so the room
    // left for the new grant must not count on it.
    const int64_t outstanding = std::max<int64_t>(0, (lease->granted - lease->ingested).pico());
    if (__builtin_add_overflow(counted, outstanding, &counted)) {
      counted = std::numeric_limits<int64_t>::max();
    }
  }
  if (live && entry != nullptr && counted > budget.limit.pico()) {
    // Over its amount (lowered mid-period, or calls that cost more than their estimates): the
    // holder's unused rest, granted out of room that is gone, is taken back as on a release, so
    // it reserves nothing more and its rest no longer holds the budget over for everyone.
    if (StoreStatus error = ShrinkLease(db, s, budget, holder, entry->used, now_unix_ms)) {
      return *std::move(error);
    }
    return Money{};
  }
  const Money remaining = Money::FromPico(std::max<int64_t>(0, budget.limit.pico() - counted));
  StoreResult<int64_t> holders = CountHolders(db, s, budget, holder, now_unix_ms);
  if (const StoreError* error = std::get_if<StoreError>(&holders)) {
    return *error;
  }
  const int64_t n = std::get<int64_t>(holders);
  const Money need = entry != nullptr ? entry->need : Money{};
  const bool asks = !live || need.pico() > 0 ||
                    (entry != nullptr && LeaseRunsLow(lease->granted, entry->used, remaining, n));
  return asks ? LeaseGrant(remaining, need, n) : Money{};
}

}  // namespace

StoreResult<HoldOutcome> SqliteStore::ReserveHolds(const std::string& hold_id,
                                                   std::span<const HoldRequest> holds,
                                                   int64_t expires_unix_ms, int64_t now_unix_ms) {
  const LedgerStatements& s = statements_->ledger;
  return WriteTransaction<HoldOutcome>(
      db_, statements_->begin, statements_->commit, "reserve holds " + hold_id,
      [&]() -> StoreResult<HoldOutcome> {
        if (StoreStatus error = PurgeHolds(db_, s, now_unix_ms)) {
          return *std::move(error);
        }
        for (const HoldRequest& hold : holds) {
          StoreResult<Money> committed =
              ReadCommitted(db_, s, hold.budget_id, hold.period_key, now_unix_ms, hold_id);
          if (const StoreError* error = std::get_if<StoreError>(&committed)) {
            return *error;
          }
          // Both amounts are >= 0: limit - amount cannot overflow, committed + amount could.
          const Money before = std::get<Money>(committed);
          if (before.pico() > hold.limit.pico() - hold.amount.pico()) {
            return HoldOutcome{false, hold.budget_id, before};
          }
        }
        if (StoreStatus error = Run(db_, s.delete_holds, "replace holds " + hold_id,
                                    [&](sqlite::Binder& b) { b.Text(hold_id); })) {
          return *std::move(error);
        }
        for (const HoldRequest& hold : holds) {
          if (hold.amount.pico() <= 0) {
            continue;
          }
          if (StoreStatus error =
                  Run(db_, s.insert_hold, "insert hold " + hold_id, [&](sqlite::Binder& b) {
                    b.Text(hold_id);
                    b.Text(hold.budget_id);
                    b.Text(hold.period_key);
                    b.Int(hold.amount.pico());
                    b.Int(expires_unix_ms);
                  })) {
            return *std::move(error);
          }
        }
        return HoldOutcome{true, "", Money{}};
      });
}

StoreResult<std::vector<LeaseState>> SqliteStore::SyncLeases(const std::string& holder,
                                                             std::span<const LeaseEntry> entries,
                                                             std::span<const LeaseBudget> budgets,
                                                             int64_t now_unix_ms, int64_t ttl_ms) {
  using States = std::vector<LeaseState>;
  const LedgerStatements& s = statements_->ledger;
  const int64_t expires_unix_ms = now_unix_ms + ttl_ms;
  return WriteTransaction<States>(
      db_, statements_->begin, statements_->commit, "sync leases of " + holder,
      [&]() -> StoreResult<States> {
        if (StoreStatus error = PurgeHolds(db_, s, now_unix_ms)) {
          return *std::move(error);
        }
        if (StoreStatus error = Run(db_, s.purge_orphan_leases, "purge leases",
                                    [&](sqlite::Binder& b) { b.Int(now_unix_ms); })) {
          return *std::move(error);
        }
        States states;
        states.reserve(budgets.size());
        for (const LeaseBudget& budget : budgets) {
          if (StoreStatus error =
                  Run(db_, s.purge_old_leases, "purge leases", [&](sqlite::Binder& b) {
                    b.Text(budget.budget_id);
                    b.Text(budget.period_key);
                    b.Int(now_unix_ms);
                  })) {
            return *std::move(error);
          }
          const LeaseEntry* entry = EntryFor(entries, budget);
          Money grant;
          if (entry != nullptr && entry->release) {
            if (StoreStatus error = ShrinkLease(db_, s, budget, holder, entry->used, now_unix_ms)) {
              return *std::move(error);
            }
          } else {
            StoreResult<std::optional<LeaseRow>> lease = FindLease(db_, s, budget, holder);
            if (const StoreError* error = std::get_if<StoreError>(&lease)) {
              return *error;
            }
            StoreResult<Money> more =
                GrantFor(db_, s, budget, holder, entry, std::get<std::optional<LeaseRow>>(lease),
                         now_unix_ms);
            if (const StoreError* error = std::get_if<StoreError>(&more)) {
              return *error;
            }
            grant = std::get<Money>(more);
          }
          StoreResult<Money> granted =
              GrantLease(db_, s, budget, holder, grant, expires_unix_ms, now_unix_ms);
          if (const StoreError* error = std::get_if<StoreError>(&granted)) {
            return *error;
          }
          states.push_back(
              {budget.budget_id, budget.period_key, std::get<Money>(granted), expires_unix_ms});
        }
        return states;
      });
}

}  // namespace costgate::central
