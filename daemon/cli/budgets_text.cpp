#include "daemon/cli/budgets_text.h"

#include "central/api/budget_json.h"
#include "central/api/json_out.h"
#include "central/budgets/budget_input.h"
#include "daemon/cli/text_table.h"

namespace costgate::daemon::cli {
namespace {

using central::budgets::kScopeFields;

// "team=video,model=gemini-2.5-flash"; "*" for the whole organisation.
std::string ScopeText(const central::BudgetScope& scope) {
  std::string text;
  for (const auto& field : kScopeFields) {
    const std::string& value = scope.*field.member;
    if (!value.empty()) {
      text += text.empty() ? "" : ",";
      text.append(field.name).append("=").append(value);
    }
  }
  return text.empty() ? "*" : text;
}

std::string PercentText(const central::BudgetStatus& status) {
  const std::optional<int64_t> percent =
      central::budgets::PercentHundredths(status.spend.spent, status.budget.amount);
  return percent ? central::PercentNumber(*percent) + "%" : "-";
}

std::string ThresholdsText(const std::vector<int>& thresholds) {
  std::string text;
  for (const int t : thresholds) {
    text += text.empty() ? "" : ",";
    text += std::to_string(t);
  }
  return text.empty() ? "none" : text + " %";
}

std::string FailText(const std::optional<bool>& fail_closed) {
  if (!fail_closed) {
    return "the proxy's preflight.fail";
  }
  return *fail_closed ? "closed (deny while central is unreachable)"
                      : "open (allow while central is unreachable)";
}

}  // namespace

std::string FormatBudgetsTable(const std::vector<central::BudgetStatus>& budgets) {
  std::vector<std::vector<std::string>> rows;
  rows.push_back({"ID", "NAME", "SCOPE", "PERIOD", "PERIOD_KEY", "AMOUNT_USD", "SPENT_USD",
                  "PERCENT", "LIMIT"});
  for (const central::BudgetStatus& s : budgets) {
    rows.push_back({s.budget.id, s.budget.name, ScopeText(s.budget.scope), s.budget.period,
                    s.period ? s.period->key : "-", central::UsdNumber(s.budget.amount),
                    central::UsdNumber(s.spend.spent), PercentText(s),
                    s.budget.hard_limit ? "hard" : "soft"});
  }
  return FormatTable(rows);
}

std::string FormatBudget(const central::BudgetStatus& status) {
  const central::Budget& b = status.budget;
  std::string period = b.period + " in " + b.time_zone;
  if (b.period == "quarterly") {
    period += ", fiscal year from month " + std::to_string(b.fiscal_first_month);
  }
  std::vector<std::vector<std::string>> rows = {
      {"id", b.id},
      {"name", b.name},
      {"scope", ScopeText(b.scope)},
      {"period", period},
      {"amount_usd", central::UsdNumber(b.amount)},
      {"limit", b.hard_limit ? "hard (denies when spent)" : "soft (alerts only)"},
      {"thresholds", ThresholdsText(b.thresholds_percent)},
      {"per_request_cap_usd", b.per_request_cap ? central::UsdNumber(*b.per_request_cap) : "none"},
      {"fail", FailText(b.fail_closed)},
  };
  if (status.period) {
    rows.push_back({"current period", status.period->key + " (" +
                                          TableTime(status.period->period.start_unix_ms) + " to " +
                                          TableTime(status.period->period.end_unix_ms) + ")"});
  }
  rows.push_back({"spent_usd", central::UsdNumber(status.spend.spent) + " (" + PercentText(status) +
                                   ", " + std::to_string(status.spend.events) + " events)"});
  rows.push_back({"created", TableTime(b.created_unix_ms)});
  rows.push_back({"updated", TableTime(b.updated_unix_ms)});
  return FormatTable(rows);
}

std::string FormatAuditLines(const std::vector<central::AuditEntry>& entries) {
  std::vector<std::vector<std::string>> rows;
  for (const central::AuditEntry& entry : entries) {
    rows.push_back({TableTime(entry.at_unix_ms), entry.actor, entry.action});
  }
  return FormatTable(rows);
}

}  // namespace costgate::daemon::cli
