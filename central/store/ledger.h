// The budget ledger central's store keeps beside the spend counters: holds (an amount reserved
// against a budget for one call until its event arrives) and leases (an allowance granted to one
// proxy, the holder, for one hard budget in one period). The values the store methods take and
// give, and the pure rules every store applies the same way.
//
// For a hard budget b in its period p, at an instant `now`:
//   committed(b,p) = spent(b,p)                                  (budget_spend, kept on ingest)
//                  + sum over leases L of b,p unexpired at now: max(0, L.granted - L.ingested)
//                  + sum over holds H of b,p unexpired at now: H.amount
// A lease's ingested grows with the cost of every new event carrying its holder
// (Event::budget_holder), in the event insert's transaction: the lease's outstanding part is
// what it granted that central has not yet seen as events, so nothing counts twice. A hold goes
// when an event whose event_id or request_id is the hold's id is stored. Something expires when
// now >= its expires_unix_ms.
#pragma once

#include <cstdint>
#include <string>

#include "pricing/money.h"

namespace costgate::central {

// One budget a hold reserves against: `amount` in the budget's period `period_key`, allowed
// while committed + amount <= limit (the budget's amount).
struct HoldRequest {
  std::string budget_id;
  std::string period_key;
  pricing::Money amount;
  pricing::Money limit;
};

struct HoldOutcome {
  bool allowed = false;
  // Not allowed: the first budget (in request order) that would go over, and its committed
  // amount before the hold.
  std::string over_budget_id;
  pricing::Money committed;
};

// One entry of a holder's lease sync (POST /v1/budget/leases): what the proxy reports of its lease
// of a budget in a period.
struct LeaseEntry {
  std::string budget_id;
  std::string period_key;
  pricing::Money used;   // the proxy's cumulative consumption from the lease in the period
  pricing::Money need;   // > 0: it wants more, at least this much
  bool release = false;  // shrink the lease to what was used (the proxy stops)
};

// A hard budget in its current period, as the caller of a lease sync sees it.
struct LeaseBudget {
  std::string budget_id;
  std::string period_key;
  pricing::Money limit;  // the budget's amount
};

// A holder's lease of one budget after a sync: its cumulative grant in the period.
struct LeaseState {
  std::string budget_id;
  std::string period_key;
  pricing::Money granted;
  int64_t expires_unix_ms = 0;

  friend bool operator==(const LeaseState&, const LeaseState&) = default;
};

// How much a sync adds to a lease: a share of what the budget has left, remaining / (2 *
// holders) (half, so that holders arriving later still find room), or the holder's stated need
// when larger; never more than remaining. `holders` counts every holder of an unexpired lease
// of the budget's period, the asking one included (>= 1). Zero when nothing remains.
pricing::Money LeaseGrant(pricing::Money remaining, pricing::Money need, int64_t holders);

// Whether a holder whose lease is still unexpired gets more in this sync without asking: when
// what it has not used (granted - used) is below half the share a grant would give it now. The
// share shrinks as the budget fills, so a nearly spent budget is not drained into one holder's
// unused allowance.
bool LeaseRunsLow(pricing::Money granted, pricing::Money used, pricing::Money remaining,
                  int64_t holders);

}  // namespace costgate::central
