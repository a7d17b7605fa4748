// LeaseBook: the proxy's view of its budgets and leases (budgets-design.md, "Proxy side"), where
// every call's estimate is held and settled without a network round trip.
//
// It knows the budgets of the last sync with central (LeaseClient applies each answer) and, per
// hard budget, the lease central granted this holder in the budget's current period (cumulative
// amount, expiry) and the holder's own use of it in that period: settled real costs plus open
// holds. A call reserves by holding its estimate in every hard budget whose scope covers it, all
// or none, only where the lease is valid and has room; soft budgets are never held against.
//
// Time is a parameter (the wall clock, milliseconds): the book reads no clock. Central's times
// (lease expiry, period end) are turned into this clock at Apply by the offset between central's
// `now_unix_ms` and the local time of the answer, so a skewed clock neither extends a lease nor
// ends a period early.
//
// Thread-safe: every method takes one mutex (workers reserve and settle, the sync thread
// applies). Reserve and Settle allocate nothing once warm: reservation records are pooled.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "daemon/budget/lease_wire.h"
#include "filters/preflight/budget_gate.h"
#include "pricing/money.h"

namespace costgate::daemon::budget {

enum class ReserveStatus : uint8_t {
  kHeld,       // held in every covering hard budget: `reservation` must be settled
  kUncovered,  // no hard budget covers the call: nothing held, nothing to settle
  kOverCap,    // an exact estimate above a covering budget's per-request cap
  kExhausted,  // a covering budget lacks room and central granted no more when last asked
  kNeedLease,  // a covering budget lacks room, or its lease is stale or of an ended period
  kNotSynced,  // no answer from central yet: the budgets are unknown
};

// The budget a result names (the first one held, or the one that decided).
struct BudgetRef {
  std::string id;
  std::string name;
  int64_t period_end_unix_ms = 0;   // in the caller's clock; 0 when none
  std::optional<bool> fail_closed;  // the budget's own rule; nullopt: the config's
};

struct ReserveResult {
  ReserveStatus status = ReserveStatus::kUncovered;
  uint64_t reservation = 0;  // kHeld only; never 0 then
  BudgetRef budget;
  // A lease held from fell below half of what central last added to it: sync soon.
  bool wants_sync = false;
};

// How Reserve treats a lease without room.
enum class HoldRule : uint8_t {
  kWithinLeases,  // only where every covering lease has room
  kForced,        // everywhere regardless (fail-open admits the call; its use is still counted)
};

class LeaseBook {
 public:
  LeaseBook();
  ~LeaseBook();
  LeaseBook(const LeaseBook&) = delete;
  LeaseBook& operator=(const LeaseBook&) = delete;

  // Holds the call's estimate (0 when unpriced; min(estimate, cap) when a cap is set and the
  // estimate is not exact) in every covering hard budget. A lacking budget records its need, so
  // the next sync asks central for it.
  ReserveResult Reserve(const filters::preflight::GateCall& call, int64_t now_ms,
                        HoldRule rule = HoldRule::kWithinLeases);

  // Replaces each hold of `reservation` by `real_cost` (nullopt and negative count as 0); a
  // hold of a period that has ended since is dropped. An unknown or already settled reservation
  // is ignored. Returns true when a lease fell below half its last grant (sync soon).
  bool Settle(uint64_t reservation, std::optional<pricing::Money> real_cost) noexcept;

  // The first covering hard budget whose lease cannot serve the call and whose fail rule (its
  // own, else `config_fail_closed`) is closed; nullopt when none. For the fail-open/closed
  // decision once central could not be asked.
  std::optional<BudgetRef> FailClosedBudget(const filters::preflight::GateCall& call,
                                            int64_t now_ms, bool config_fail_closed) const;

  // What the next sync request reports: every lease of a current period, and every budget with
  // a recorded need. `release`: return each lease's unused rest (on stop); asks for nothing.
  std::vector<LeaseReport> Reports(bool release);

  // Makes central's answer current, received at `now_ms` local time. A budget whose period
  // changed starts its use at 0; one that central no longer names is forgotten once its holds
  // settle. A need central did not meet makes calls needing that budget deny at once for
  // `dry_ms` (no round trip per call while a budget is spent).
  void Apply(const LeaseAnswer& answer, int64_t now_ms, int64_t dry_ms);

  bool synced() const;
  // When the next sync is due at the latest: the earliest lease refresh point (a third of the
  // lease TTL after the last answer) or period end; nullopt before the first answer.
  std::optional<int64_t> NextSyncDueMs() const;

  struct LeaseView {
    std::string budget_id;
    int64_t remaining_pico = 0;  // granted - used; negative when use ran past the grant
  };
  // Hard budgets with a lease, by id, at most `limit` (a bounded metric label set).
  std::vector<LeaseView> Remaining(size_t limit) const;

 private:
  struct Entry;
  struct Hold;
  struct Record;

  uint64_t NewRecord();  // under the mutex
  Record* RecordOf(uint64_t reservation);
  bool LeaseUsable(const Entry& e, int64_t now_ms) const;
  bool Low(Entry& e);  // true once per fall below half the last grant

  mutable std::mutex mutex_;
  bool synced_ = false;
  int64_t margin_ms_ = 0;   // a lease this close to its expiry is not used
  int64_t refresh_ms_ = 0;  // lease TTL / 3
  int64_t last_answer_ms_ = 0;
  std::vector<std::unique_ptr<Entry>> entries_;  // every budget of the last answer
  std::vector<Entry*> hard_;                     // the hard ones, in answer order
  std::vector<std::unique_ptr<Entry>> retired_;  // gone from central, holds still open
  std::vector<Record> records_;
  std::vector<uint32_t> free_records_;
};

}  // namespace costgate::daemon::budget
