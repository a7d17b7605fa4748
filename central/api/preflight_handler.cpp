// POST /v1/preflight (../shared/V1-API.md, extended compatibly): prices the call's estimated
// units with central's book, and holds the estimate against every hard budget covering the call
// until the call's usage arrives (its request_id in /v1/usage/record, or its event_id in
// /v1/usage/batch) or the hold expires. Denies when a hold would take a budget past its amount.
//
// Answer: {"allow":true,"estimated_cost_usd":0.0217,"request_id":"..."}; a deny adds
// "deny_reason" ("budget_exhausted: ..." or "over_per_request_cap: ...", the code first) and
// "budget":{"id","name","reset_unix_ms"}. A model without a price estimates 0: it holds nothing,
// and is denied only by a budget already past its amount (the contract has no "unpriced" flag).
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/uuid7.h"
#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/json_out.h"
#include "central/api/key_auth.h"
#include "central/api/reprice.h"
#include "central/api/v1_body.h"
#include "central/api/v1_requests.h"
#include "central/budgets/budget_period.h"
#include "pricing/units.h"

namespace costgate::central {
namespace {

using pricing::Money;

struct Estimate {
  Money cost;
  bool exact = false;  // what the provider will bill: units that are all characters, priced
};

// One hard budget covering the call, in its period now, and what the call holds of it.
struct PlannedHold {
  const Budget* budget = nullptr;
  budgets::BudgetPeriod period;
  Money held;
};

struct Deny {
  std::string reason;
  const PlannedHold* hold = nullptr;
};

// Characters are in the request as they will be billed; tokens and the rest are guesses.
bool ExactUnits(const EventUnits& units) {
  if (units.empty()) {
    return false;
  }
  for (const auto& [name, count] : units) {
    if (name != pricing::kUnitCharacters) {
      return false;
    }
  }
  return true;
}

// The call as an event, for the budgets' scope (ScopeCovers): the labels a usage record of it
// will carry.
Event ProbeEvent(const PreflightRequest& request) {
  Event probe;
  probe.source_app = request.source_app;
  probe.workspace = request.workspace;
  probe.team = request.team;
  probe.project = request.project;
  probe.environment = request.environment;
  probe.user = request.user;
  probe.provider = request.provider;
  probe.model = request.model;
  return probe;
}

// A guess above the per-request cap holds the cap: the cap is the most the caller means the
// call to cost (the proxy caps an output limit it could not read the same way).
Money HeldOf(const Budget& budget, const Estimate& estimate) {
  if (budget.per_request_cap && !estimate.exact && estimate.cost > *budget.per_request_cap) {
    return *budget.per_request_cap;
  }
  return estimate.cost;
}

std::string BudgetNamed(const Budget& budget) {
  return "budget " + budget.name + " (" + budget.id + ")";
}

std::string ExhaustedReason(const PlannedHold& hold) {
  return "budget_exhausted: " + BudgetNamed(*hold.budget) + " would exceed its " +
         UsdNumber(hold.budget->amount) + " USD " + hold.budget->period + " limit; resets at " +
         budgets::LocalTimeText(hold.period.period.end_unix_ms, *hold.period.zone);
}

std::string OverCapReason(const PlannedHold& hold, const Estimate& estimate) {
  return "over_per_request_cap: the call's cost of " + UsdNumber(estimate.cost) +
         " USD exceeds the per-request cap of " + UsdNumber(*hold.budget->per_request_cap) +
         " USD of " + BudgetNamed(*hold.budget);
}

ApiResponse Answer(const Estimate& estimate, const std::string& request_id, const Deny* deny) {
  ApiResponse response;
  std::string& out = response.body;
  out.append(deny == nullptr ? R"({"allow":true)" : R"({"allow":false)");
  out.append(R"(,"estimated_cost_usd":)");
  out.append(UsdNumber(estimate.cost));
  out.append(R"(,"request_id":)");
  AppendJsonString(out, request_id);
  if (deny != nullptr) {
    out.append(R"(,"deny_reason":)");
    AppendJsonString(out, deny->reason);
    out.append(R"(,"budget":{"id":)");
    AppendJsonString(out, deny->hold->budget->id);
    out.append(R"(,"name":)");
    AppendJsonString(out, deny->hold->budget->name);
    out.append(R"(,"reset_unix_ms":)");
    AppendJsonInt(out, deny->hold->period.period.end_unix_ms);
    out.push_back('}');
  }
  out.push_back('}');
  return response;
}

}  // namespace

ApiResponse HandlePreflight(const Call& call, int64_t hold_ttl_ms) {
  std::variant<PreflightRequest, ApiResponse> read =
      ReadV1Body<PreflightRequest>(call.request.body, ReadPreflight);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  PreflightRequest& request = std::get<PreflightRequest>(read);
  if (std::optional<ApiResponse> refused = CheckSourceApp(call.key, request.source_app)) {
    return std::move(*refused);
  }
  if (!ClaimWorkspace(call.key, request.workspace)) {
    return ErrorResponse(403, "workspace_forbidden",
                         "API key may only act in workspace " + call.key.workspace, "workspace");
  }
  const int64_t now = call.request.now_unix_ms;
  // Priced as /v1/usage/record will price the call's usage.
  const UnitsPrice price = PriceUnits(call.book, request.provider, "", request.model, request.units,
                                      pricing::ServiceTier::kStandard, now);
  if (price.unpriced == pricing::Unpriced::kOverflow) {
    // Not 0 as for an unpriced model: a cost too large to represent must not read as free.
    return InvalidField("estimated_units", "is too large to price (the cost overflows)");
  }
  const Estimate estimate{price.total, price.priced() && ExactUnits(request.units)};
  const std::string request_id =
      request.request_id.empty() ? base::NewUuidV7(now) : request.request_id;

  StoreResult<std::vector<Budget>> listed = call.store.ListBudgets();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const Event probe = ProbeEvent(request);
  std::vector<PlannedHold> plan;
  for (const Budget& budget : std::get<std::vector<Budget>>(listed)) {
    if (!budget.hard_limit || !budgets::ScopeCovers(budget.scope, probe)) {
      continue;  // a soft budget only alerts
    }
    std::optional<budgets::BudgetPeriod> period = budgets::BudgetPeriodAt(budget, now, call.zones);
    if (period) {
      plan.push_back({&budget, std::move(*period), HeldOf(budget, estimate)});
    }
  }
  for (const PlannedHold& hold : plan) {
    if (estimate.exact && hold.budget->per_request_cap &&
        estimate.cost > *hold.budget->per_request_cap) {
      const Deny deny{OverCapReason(hold, estimate), &hold};
      return Answer(estimate, request_id, &deny);
    }
  }
  if (plan.empty()) {
    return Answer(estimate, request_id, nullptr);
  }

  std::vector<HoldRequest> holds;
  holds.reserve(plan.size());
  for (const PlannedHold& hold : plan) {
    holds.push_back({hold.budget->id, hold.period.key, hold.held, hold.budget->amount});
  }
  const int64_t ttl = request.hold_ms ? std::min(*request.hold_ms, hold_ttl_ms) : hold_ttl_ms;
  StoreResult<HoldOutcome> reserved = call.store.ReserveHolds(request_id, holds, now + ttl, now);
  if (std::holds_alternative<StoreError>(reserved)) {
    return StoreUnavailable();
  }
  const HoldOutcome& outcome = std::get<HoldOutcome>(reserved);
  if (outcome.allowed) {
    return Answer(estimate, request_id, nullptr);
  }
  for (const PlannedHold& hold : plan) {
    if (hold.budget->id == outcome.over_budget_id) {
      const Deny deny{ExhaustedReason(hold), &hold};
      return Answer(estimate, request_id, &deny);
    }
  }
  return StoreUnavailable();  // the store named a budget it was not asked about
}

}  // namespace costgate::central
