// LeaseGate: the BudgetGate of preflight.mode `lease` for one configuration generation (its
// fail rule and timeout), over the process's LeaseBook and LeaseClient.
//
// Reserve:
//  - the book answers at once in the common case (a ready Task, no network, no wait): held,
//    no hard budget covers the call, over a per-request cap, or a budget central recently
//    refused more for (budget_exhausted);
//  - a covering budget lacking room or a valid lease (or no sync yet) asks the client for a sync
//    carrying the need and waits for it, at most preflight.timeout, then tries the book once
//    more. Still lacking after central answered: budget_exhausted. Central not answering (or
//    known unreachable, when the call does not wait at all): the fail rule.
// Fail rule: a lacking budget whose own fail_closed (else preflight.fail_closed) is true denies
// (central_unreachable); otherwise the call is allowed with reason central_unreachable and held
// in its budgets regardless of their leases, so its use still reaches central in the next
// report. Before any sync, no budget is known: preflight.fail_closed alone decides.
// Settle returns the hold to the book (real cost in its place).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "daemon/budget/budget_stats.h"
#include "daemon/budget/deadline_timer.h"
#include "daemon/budget/lease_book.h"
#include "daemon/budget/lease_client.h"
#include "filters/preflight/budget_gate.h"

namespace costgate::daemon::budget {

class LeaseGate final : public filters::preflight::BudgetGate {
 public:
  struct Settings {
    std::string holder;
    bool fail_closed = false;                // preflight.fail_closed
    std::chrono::milliseconds timeout{250};  // preflight.timeout
    int64_t (*now_ms)() = nullptr;           // the wall clock; null: base::NowUnixMs
  };

  // Everything passed by reference outlives the gate.
  LeaseGate(LeaseBook& book, LeaseClient& client, DeadlineTimer& timer, BudgetStats& stats,
            Settings settings)
      : book_(book),
        client_(client),
        timer_(timer),
        stats_(stats),
        settings_(std::move(settings)) {}

  filters::Task<filters::preflight::GateDecision> Reserve(
      const filters::preflight::GateCall& call) override;
  void Settle(uint64_t reservation, std::optional<pricing::Money> real_cost) noexcept override;

 private:
  filters::Task<filters::preflight::GateDecision> ReserveAfterSync(
      filters::preflight::GateCall call);
  // The decision for a book result that needs no central; nullopt when it does.
  std::optional<filters::preflight::GateDecision> Decided(const ReserveResult& r);
  filters::preflight::GateDecision FailRule(const filters::preflight::GateCall& call);
  filters::preflight::GateDecision Counted(filters::preflight::GateDecision d);
  int64_t Now() const;

  LeaseBook& book_;
  LeaseClient& client_;
  DeadlineTimer& timer_;
  BudgetStats& stats_;
  const Settings settings_;
};

}  // namespace costgate::daemon::budget
