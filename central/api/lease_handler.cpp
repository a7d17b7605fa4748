// POST /v1/budget/leases: a proxy's lease sync (Store::SyncLeases, by the rules of
// central/store/ledger.h). Every budget is listed with its current period, so that the proxy
// knows which calls each covers; each hard one with the holder's lease of it, soft ones with
// "lease":null (they only alert, and the proxy reserves nothing against them). Money is integer
// pico-USD: a machine protocol, exact both ways.
//
// Answer:
//   {"now_unix_ms":...,"lease_ttl_ms":60000,
//    "budgets":[{"id":"bud_..","name":"...","scope":{"workspace":"","team":"","project":"",
//       "source_app":"","environment":"","user":"","provider":"","model":""},
//       "period":"monthly","period_key":"2026-12","period_end_unix_ms":...,
//       "hard_limit":true,"per_request_cap_pico_usd":null,"fail_closed":null,
//       "lease":{"granted_pico_usd":...,"expires_unix_ms":...}}]}
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/json_out.h"
#include "central/api/lease_request.h"
#include "central/api/v1_body.h"
#include "central/budgets/budget_period.h"

namespace costgate::central {
namespace {

// The scope's fields, in the order BudgetScope declares them.
constexpr std::array<std::pair<std::string_view, std::string BudgetScope::*>, 8> kScopeFields = {{
    {"workspace", &BudgetScope::workspace},
    {"team", &BudgetScope::team},
    {"project", &BudgetScope::project},
    {"source_app", &BudgetScope::source_app},
    {"environment", &BudgetScope::environment},
    {"user", &BudgetScope::user},
    {"provider", &BudgetScope::provider},
    {"model", &BudgetScope::model},
}};

struct Listed {
  const Budget* budget = nullptr;
  budgets::BudgetPeriod period;
  const LeaseState* lease = nullptr;  // hard budgets only
};

void AppendScope(std::string& out, const BudgetScope& scope) {
  out.push_back('{');
  for (size_t i = 0; i < kScopeFields.size(); ++i) {
    if (i > 0) {
      out.push_back(',');
    }
    AppendJsonKey(out, kScopeFields[i].first);
    AppendJsonString(out, scope.*kScopeFields[i].second);
  }
  out.push_back('}');
}

void AppendListed(std::string& out, const Listed& listed) {
  const Budget& budget = *listed.budget;
  out.append(R"({"id":)");
  AppendJsonString(out, budget.id);
  out.append(R"(,"name":)");
  AppendJsonString(out, budget.name);
  out.append(R"(,"scope":)");
  AppendScope(out, budget.scope);
  out.append(R"(,"period":)");
  AppendJsonString(out, budget.period);
  out.append(R"(,"period_key":)");
  AppendJsonString(out, listed.period.key);
  out.append(R"(,"period_end_unix_ms":)");
  AppendJsonInt(out, listed.period.period.end_unix_ms);
  out.append(budget.hard_limit ? R"(,"hard_limit":true)" : R"(,"hard_limit":false)");
  out.append(R"(,"per_request_cap_pico_usd":)");
  if (budget.per_request_cap) {
    AppendJsonInt(out, budget.per_request_cap->pico());
  } else {
    out.append("null");
  }
  out.append(R"(,"fail_closed":)");
  out.append(!budget.fail_closed ? "null" : *budget.fail_closed ? "true" : "false");
  out.append(R"(,"lease":)");
  if (listed.lease != nullptr) {
    out.append(R"({"granted_pico_usd":)");
    AppendJsonInt(out, listed.lease->granted.pico());
    out.append(R"(,"expires_unix_ms":)");
    AppendJsonInt(out, listed.lease->expires_unix_ms);
    out.push_back('}');
  } else {
    out.append("null");
  }
  out.push_back('}');
}

}  // namespace

ApiResponse HandleBudgetLeases(const Call& call, int64_t lease_ttl_ms) {
  std::variant<LeaseSyncRequest, ApiResponse> read =
      ReadV1Body<LeaseSyncRequest>(call.request.body, ReadLeaseSync);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const LeaseSyncRequest& request = std::get<LeaseSyncRequest>(read);
  const int64_t now = call.request.now_unix_ms;
  StoreResult<std::vector<Budget>> all = call.store.ListBudgets();
  if (std::holds_alternative<StoreError>(all)) {
    return StoreUnavailable();
  }

  std::vector<Listed> listed;
  std::vector<LeaseBudget> hard;
  for (const Budget& budget : std::get<std::vector<Budget>>(all)) {
    std::optional<budgets::BudgetPeriod> period = budgets::BudgetPeriodAt(budget, now, call.zones);
    if (!period) {
      continue;  // an unknown period or zone: the budget counts nothing, so it leases nothing
    }
    if (budget.hard_limit) {
      hard.push_back({budget.id, period->key, budget.amount});
    }
    listed.push_back({&budget, std::move(*period), nullptr});
  }
  StoreResult<std::vector<LeaseState>> synced =
      call.store.SyncLeases(request.holder, request.leases, hard, now, lease_ttl_ms);
  if (std::holds_alternative<StoreError>(synced)) {
    return StoreUnavailable();
  }
  const std::vector<LeaseState>& leases = std::get<std::vector<LeaseState>>(synced);
  if (leases.size() != hard.size()) {
    return StoreUnavailable();  // the store broke its contract (one lease per budget asked)
  }
  // SyncLeases answers in the order of `hard`, which is the order of the hard budgets listed.
  size_t next = 0;
  for (Listed& entry : listed) {
    if (entry.budget->hard_limit) {
      entry.lease = &leases[next++];
    }
  }

  ApiResponse response;
  std::string& out = response.body;
  out.reserve(128 + 400 * listed.size());
  out.append(R"({"now_unix_ms":)");
  AppendJsonInt(out, now);
  out.append(R"(,"lease_ttl_ms":)");
  AppendJsonInt(out, lease_ttl_ms);
  out.append(R"(,"budgets":[)");
  for (size_t i = 0; i < listed.size(); ++i) {
    if (i > 0) {
      out.push_back(',');
    }
    AppendListed(out, listed[i]);
  }
  out.append("]}");
  return response;
}

}  // namespace costgate::central
