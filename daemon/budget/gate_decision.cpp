#include "daemon/budget/gate_decision.h"

namespace costgate::daemon::budget {
namespace {

void Name(filters::preflight::GateDecision& d, const BudgetRef* budget) {
  if (budget != nullptr) {
    d.budget_id = budget->id;
    d.budget_name = budget->name;
    d.reset_unix_ms = budget->period_end_unix_ms;
  }
}

}  // namespace

filters::preflight::GateDecision Allowed(std::string_view reason, const BudgetRef* budget,
                                         uint64_t reservation, std::string_view holder) {
  filters::preflight::GateDecision d;
  d.verdict = filters::preflight::GateVerdict::kAllow;
  d.reason = reason;
  Name(d, budget);
  d.reservation = reservation;
  if (reservation != 0) {
    d.budget_holder = holder;
  }
  return d;
}

filters::preflight::GateDecision Denied(std::string_view reason, const BudgetRef* budget) {
  filters::preflight::GateDecision d;
  d.verdict = filters::preflight::GateVerdict::kDeny;
  d.reason = reason;
  Name(d, budget);
  return d;
}

void CountDecision(BudgetStats& stats, const filters::preflight::GateDecision& decision,
                   bool held) {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  if (decision.verdict == filters::preflight::GateVerdict::kDeny) {
    stats.denied.fetch_add(1, kRelaxed);
    if (decision.reason == kBudgetExhausted) {
      stats.denied_budget_exhausted.fetch_add(1, kRelaxed);
    } else if (decision.reason == kOverPerRequestCap) {
      stats.denied_over_per_request_cap.fetch_add(1, kRelaxed);
    } else {
      stats.denied_central_unreachable.fetch_add(1, kRelaxed);
    }
  } else if (decision.reason == kCentralUnreachable) {
    stats.fail_open.fetch_add(1, kRelaxed);
  } else if (held) {
    stats.held.fetch_add(1, kRelaxed);
  } else {
    stats.uncovered.fetch_add(1, kRelaxed);
  }
}

}  // namespace costgate::daemon::budget
