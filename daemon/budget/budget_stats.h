// Counters of the budget gates, updated on the request path and the sync thread, read by
// /metrics at render (budget_metrics.h).
#pragma once

#include <atomic>
#include <cstdint>

#include "filters/preflight/budget_gate.h"

namespace costgate::daemon::budget {

struct BudgetStats {
  // Reservations by result (costgate_budget_reservations_total{result}).
  std::atomic<uint64_t> held{0};       // held against a lease, or held by central (central mode)
  std::atomic<uint64_t> uncovered{0};  // no hard budget covers the call
  std::atomic<uint64_t> fail_open{0};  // central could not be asked; allowed by the fail rule
  std::atomic<uint64_t> denied{0};
  // Denials by reason (costgate_budget_denials_total{reason}).
  std::atomic<uint64_t> denied_budget_exhausted{0};
  std::atomic<uint64_t> denied_over_per_request_cap{0};
  std::atomic<uint64_t> denied_central_unreachable{0};
  // Calls that waited for central (a lease, or central mode's every call).
  std::atomic<uint64_t> waited{0};
  // Lease syncs (costgate_budget_lease_syncs_total{result}).
  std::atomic<uint64_t> syncs_ok{0};
  std::atomic<uint64_t> syncs_unreachable{0};  // no answer: connect, TLS, timeout
  std::atomic<uint64_t> syncs_refused{0};      // an answer other than 200, or unreadable
};

// Counts one decision a gate made. `held`: an allowed call that holds something (a lease
// reservation, or central's hold).
void CountDecision(BudgetStats& stats, const filters::preflight::GateDecision& decision, bool held);

}  // namespace costgate::daemon::budget
