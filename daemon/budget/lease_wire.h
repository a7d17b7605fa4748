// The lease protocol's values as the proxy reads and writes them (budgets-design.md, "Lease
// protocol": POST /v1/budget/leases). Plain values; the JSON is lease_json.h's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pricing/money.h"

namespace costgate::daemon::budget {

// Which calls a budget covers: every field that is set must equal the call's; "" = any.
struct BudgetScope {
  std::string workspace;
  std::string team;
  std::string project;
  std::string source_app;
  std::string environment;
  std::string user;
  std::string provider;
  std::string model;

  friend bool operator==(const BudgetScope&, const BudgetScope&) = default;
};

// What central grants this holder for one hard budget in its current period.
struct LeaseGrant {
  pricing::Money granted;       // cumulative over the period, never shrinking except by release
  int64_t expires_unix_ms = 0;  // central's clock
};

// One budget of the answer.
struct SyncedBudget {
  std::string id;
  std::string name;
  BudgetScope scope;
  std::string period_key;  // central's current period of the budget ("2026-12")
  int64_t period_end_unix_ms = 0;
  bool hard_limit = false;
  std::optional<pricing::Money> per_request_cap;
  std::optional<bool> fail_closed;  // nullopt: the proxy's preflight.fail_closed
  std::optional<LeaseGrant> lease;  // hard budgets only

  friend bool operator==(const SyncedBudget&, const SyncedBudget&) = default;
};

// Central's answer (200).
struct LeaseAnswer {
  int64_t now_unix_ms = 0;  // central's clock when it answered
  int64_t lease_ttl_ms = 0;
  std::vector<SyncedBudget> budgets;  // every budget central has, soft ones too
};

// One entry of the request: a lease the proxy holds or wants.
struct LeaseReport {
  std::string budget_id;
  std::string period_key;
  pricing::Money used;  // settled real costs + open holds in this period
  pricing::Money need;  // > 0: wants at least this much more
  bool release = false;

  friend bool operator==(const LeaseReport&, const LeaseReport&) = default;
};

}  // namespace costgate::daemon::budget
