// CentralGate: the BudgetGate of preflight.mode `central` for one configuration generation:
// every call asks central (POST /v1/preflight, preflight_json.h) and waits for the answer, at
// most preflight.timeout.
//
// Central holds the estimate under the call's event_id (request_id) and settles it when the
// call's receipt arrives (usage/batch by event_id), so Settle here sends nothing. A call that
// never reached the provider still ships its receipt (outcome denied or failed, cost 0), which
// releases the hold; only a receipt that never reaches central (the outbox lost, a crash before
// the receipt was written) leaves it to lapse by central.preflight_hold_ttl_ms.
// No answer in time, or one that is not a preflight answer: the fail rule of preflight.fail_closed
// (central mode knows no budget's own rule). budget_holder is always "": no lease is involved.
#pragma once

#include <chrono>
#include <optional>

#include "daemon/budget/budget_stats.h"
#include "daemon/budget/deadline_timer.h"
#include "daemon/budget/preflight_transport.h"
#include "filters/preflight/budget_gate.h"

namespace costgate::daemon::budget {

class CentralGate final : public filters::preflight::BudgetGate {
 public:
  struct Settings {
    bool fail_closed = false;                // preflight.fail_closed
    std::chrono::milliseconds timeout{250};  // preflight.timeout
  };

  // Everything passed by reference outlives the gate.
  CentralGate(PreflightTransport& transport, DeadlineTimer& timer, BudgetStats& stats,
              Settings settings)
      : transport_(transport), timer_(timer), stats_(stats), settings_(settings) {}

  filters::Task<filters::preflight::GateDecision> Reserve(
      const filters::preflight::GateCall& call) override;
  void Settle(uint64_t, std::optional<pricing::Money>) noexcept override {}

 private:
  filters::Task<filters::preflight::GateDecision> Ask(std::string body);

  PreflightTransport& transport_;
  DeadlineTimer& timer_;
  BudgetStats& stats_;
  const Settings settings_;
};

}  // namespace costgate::daemon::budget
