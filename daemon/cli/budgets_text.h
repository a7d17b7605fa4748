// How `costgate budgets` shows budgets to people: a table for list, labelled lines for one
// budget, its latest changes. JSON output is the admin API's (central/api/budget_json.h).
#pragma once

#include <string>
#include <vector>

#include "central/api/budget_admin.h"

namespace costgate::daemon::cli {

// Header, then one line per budget: ID NAME SCOPE PERIOD PERIOD_KEY AMOUNT_USD SPENT_USD PERCENT
// LIMIT. Scope "*" is everything; percent "-" for an amount of 0.
std::string FormatBudgetsTable(const std::vector<central::BudgetStatus>& budgets);

// One budget as "label  value" lines: its fields, its current period and spend.
std::string FormatBudget(const central::BudgetStatus& status);

// One line per audit entry: time, actor, action.
std::string FormatAuditLines(const std::vector<central::AuditEntry>& entries);

}  // namespace costgate::daemon::cli
