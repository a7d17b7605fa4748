// BudgetGate: where the preflight filter asks whether a call may spend, and tells what it spent.
// The filter knows the call and its estimate; the gate knows the budgets, their leases or central,
// and the holds. The daemon implements it (lease mode: allowances central leased to this proxy,
// reserved from locally; central mode: POST /v1/preflight per call); filters never do I/O.
//
// Contract:
//  - Reserve runs on the request's worker thread. It is ready at once when the answer is local
//    (the lease fast path: no allocation beyond the reservation, no network); it suspends only to
//    wait for central (a first lease, a lease run dry, central mode), at most the configured
//    timeout, and then answers by the fail-open/closed rule.
//  - `call` and everything it points to (the Exchange, the model) stay valid until the Task
//    Reserve returned has finished or been destroyed. A suspended Reserve is destroyed, never
//    resumed, when the daemon stops meanwhile: a gate that answers through an Answer and finds
//    Send false (the request went away) releases what it reserved for that answer itself.
//  - An allowed reservation holds its amount against every hard budget covering the call until
//    Settle. Settle is called exactly once per allowed reservation with a non-zero
//    `reservation`, from the completion of the chain's last filter (BudgetSettleFilter,
//    settle_filter.h: every exit path, refused, failed, cancelled, daemon stop), with the call's
//    real cost (0 for a call that never went out to the provider; nullopt = unpriced, counted
//    as 0). It never blocks.
//  - A denied or not-held reservation needs no Settle (calling it is harmless).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "filters/exchange.h"
#include "filters/task.h"
#include "filters/units.h"
#include "pricing/money.h"

namespace costgate::filters::preflight {

// What the gate is told about a call: who makes it, what it is, what it should cost.
struct GateCall {
  const Exchange* x = nullptr;  // labels, provider, operation, event_id
  std::string_view model;       // the model to match budgets on (the estimate's model_requested)
  std::optional<pricing::Money> estimate;  // nullopt: unpriced (held as 0, allowed)
  bool exact = false;                      // the estimate is what the provider will bill
  // The estimate's units (Estimate::units); null when none. Central mode sends them to
  // /v1/preflight (estimated_units), where central prices them with its own book.
  const Units* units = nullptr;
};

enum class GateVerdict : uint8_t {
  kAllow,  // forward the call
  kDeny,   // answer with the deny reply; nothing goes upstream
};

struct GateDecision {
  GateVerdict verdict = GateVerdict::kAllow;
  // Deny: "budget_exhausted", "over_per_request_cap", "central_unreachable". Allow: "" or, when
  // allowed without a check, why ("central_unreachable" under fail-open, "no_budgets_known").
  std::string reason;
  // The budget that denied (or the first that held), for the reply and the log.
  std::string budget_id;
  std::string budget_name;
  int64_t reset_unix_ms = 0;  // when the denying budget's period ends; 0 when unknown
  // What Settle needs: opaque to the filter. 0 = nothing held.
  uint64_t reservation = 0;
  // Goes on the receipt: the proxy whose leases the call reserved from; "" when none.
  std::string budget_holder;
};

class BudgetGate {
 public:
  virtual ~BudgetGate() = default;

  virtual Task<GateDecision> Reserve(const GateCall& call) = 0;

  // `real_cost`: the receipt's cost; nullopt when unpriced. Thread: the request's worker.
  virtual void Settle(uint64_t reservation, std::optional<pricing::Money> real_cost) noexcept = 0;
};

}  // namespace costgate::filters::preflight
