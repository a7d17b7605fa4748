// Budgets as JSON: the admin API's request body read into a budgets::BudgetInput, and budgets,
// their spend and the audit log written the one way the admin API, the audit rows and
// `costgate budgets --json` share.
//
// A budget:
//   {"id":"bud_1a2b3c4d5e6f","name":"video-team",
//    "scope":{"workspace":"","team":"video","project":"","source_app":"","environment":"",
//             "user":"","provider":"","model":""},
//    "period":"monthly","time_zone":"UTC","fiscal_first_month":1,
//    "amount_usd":250.5,"amount_pico_usd":250500000000000,"thresholds_percent":[50,80,100],
//    "hard_limit":true,"per_request_cap_usd":null,"per_request_cap_pico_usd":null,
//    "fail_closed":null,"created_unix_ms":...,"updated_unix_ms":...}
// with its status, one more member:
//   "spend":{"period_key":"2025-11","period_start_unix_ms":...,"period_end_unix_ms":...,
//            "spent_usd":12.5,"spent_pico_usd":12500000000000,"events":42,"percent":4.99}
// Money is written twice: *_usd an exact decimal number (no float on the way), *_pico_usd the
// integer. percent is rounded to hundredths; null for an amount of 0.
#pragma once

#include <simdjson.h>

#include <string>
#include <variant>

#include "central/api/budget_admin.h"
#include "central/api/json_read.h"
#include "central/budgets/budget_input.h"
#include "central/store/budget.h"

namespace costgate::central {

// A create or change body: an object of the budget's fields (budget_input.h), each optional
// here; unknown fields are refused by name. Values are checked for their JSON type only; the
// budget's rules are budgets::BuildBudget's and ChangeBudget's. An amount is a decimal string or
// a JSON number; a number with a fraction must have at most 15 significant digits (what a double
// holds exactly: send a longer one as a string).
std::variant<budgets::BudgetInput, FieldError> ReadBudgetInput(simdjson::dom::element root);

// The budget alone (the audit log's before and after).
void AppendBudgetJson(std::string& out, const Budget& budget);
// The budget with its "spend".
void AppendBudgetStatusJson(std::string& out, const BudgetStatus& status);
// {"id":..,"at_unix_ms":..,"actor":..,"action":..,"object_id":..,"before":{budget}|null,
//  "after":{budget}|null}
void AppendAuditJson(std::string& out, const AuditEntry& entry);

// A percent in hundredths as a JSON number: 1234 -> "12.34", 1250 -> "12.5", 1200 -> "12".
std::string PercentNumber(int64_t hundredths);

}  // namespace costgate::central
