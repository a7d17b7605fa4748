// Budgets as central's store keeps them (issue 14, "Budgets (central)"): the budget itself, its
// spend counter per period, and the audit row every change of a budget leaves. Plain values;
// the period arithmetic that makes period keys is central/budgets/period.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pricing/money.h"

namespace costgate::central {

// Which events a budget covers: every field that is set must equal the event's; "" = any. All
// empty = the whole organisation.
struct BudgetScope {
  std::string workspace;
  std::string team;
  std::string project;  // the app's project external id, as events carry it
  std::string source_app;
  std::string environment;
  std::string user;  // the app's user external id
  std::string provider;
  std::string model;

  friend bool operator==(const BudgetScope&, const BudgetScope&) = default;
};

struct Budget {
  std::string id;    // "bud_" + 12 hex, made by the caller
  std::string name;  // unique among budgets
  BudgetScope scope;
  std::string period;             // "daily" | "weekly" | "monthly" | "quarterly" (PeriodKindName)
  std::string time_zone = "UTC";  // IANA name the calendar periods are cut in
  int fiscal_first_month = 1;     // 1..12: where quarters start counting
  pricing::Money amount;          // per period
  std::vector<int> thresholds_percent = {50, 80, 100};
  bool hard_limit = false;                        // deny when spent; false = alert only
  std::optional<pricing::Money> per_request_cap;  // nullopt = none
  std::optional<bool> fail_closed;                // nullopt = the config's default
  int64_t created_unix_ms = 0;
  int64_t updated_unix_ms = 0;

  friend bool operator==(const Budget&, const Budget&) = default;
};

// One change of a managed object: who, when, what it was before and after.
struct AuditEntry {
  int64_t id = 0;  // assigned by the store, increasing; ignored when writing
  int64_t at_unix_ms = 0;
  std::string actor;        // "key:key_abc", "cli"
  std::string action;       // "budget.create", "budget.update", "budget.delete"
  std::string object_id;    // the budget's id
  std::string before_json;  // "" when none (a creation)
  std::string after_json;   // "" when none (a deletion)

  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

// What one event adds to one budget's counter: the caller (ingest) knows which budgets cover the
// event and in which of their periods it falls.
struct SpendIncrement {
  std::string budget_id;
  std::string period_key;  // budgets::PeriodKey
  int64_t period_start_unix_ms = 0;
  int64_t period_end_unix_ms = 0;
  pricing::Money amount;
};

// A period of a budget whose counter a change of the budget sets from the events already stored
// (Store::SeedSpend), in the change's own transaction: a budget made or re-scoped mid-period
// starts from what was spent, and no event stored meanwhile is missed or counted twice.
struct SpendSeed {
  std::string period_key;  // budgets::PeriodKey
  int64_t period_start_unix_ms = 0;
  int64_t period_end_unix_ms = 0;
};

// A budget's spend in one period. A period nothing was counted in reads as zero, its bounds 0.
struct BudgetSpend {
  std::string budget_id;
  std::string period_key;
  int64_t period_start_unix_ms = 0;
  int64_t period_end_unix_ms = 0;
  pricing::Money spent;
  int64_t events = 0;  // events counted

  friend bool operator==(const BudgetSpend&, const BudgetSpend&) = default;
};

// How a change of a budget ended, when the store itself did not fail.
enum class BudgetChange {
  kDone,
  kNameTaken,  // another budget has this name (the API's 409)
  kNotFound,   // no budget has this id (update, delete)
};

}  // namespace costgate::central
