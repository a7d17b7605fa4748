#include "central/alerts/check.h"

#include <set>
#include <string>
#include <utility>

#include "central/alerts/decide.h"
#include "central/alerts/message.h"
#include "central/budgets/period.h"

namespace costgate::central::alerts {
namespace {

struct BudgetPeriod {
  budgets::Period period;
  std::string key;
};

// Records every alert `budget` is due in `at` from its counter there.
StoreResult<int> CheckPeriod(const AlertCheck& check, const Budget& budget,
                             const budgets::TimeZone& zone, const BudgetPeriod& at) {
  StoreResult<BudgetSpend> read = check.store.GetSpend(budget.id, at.key);
  if (auto* error = std::get_if<StoreError>(&read)) {
    return *std::move(error);
  }
  const pricing::Money spent = std::get<BudgetSpend>(read).spent;
  int recorded = 0;
  for (const DueAlert& due :
       DueAlerts(budget.thresholds_percent, budget.amount, spent, at.period, check.now_unix_ms)) {
    Alert alert;
    alert.budget_id = budget.id;
    alert.period_key = at.key;
    alert.kind = due.kind;
    alert.threshold_percent = due.threshold_percent;
    alert.fired_unix_ms = check.now_unix_ms;
    alert.spent = spent;
    alert.amount = budget.amount;
    alert.projected = due.projected;
    alert.budget_name = budget.name;
    alert.period = budget.period;
    alert.period_start_unix_ms = at.period.start_unix_ms;
    alert.period_end_unix_ms = at.period.end_unix_ms;
    AlertMessage message = WriteAlertMessage(alert, budget, zone);
    alert.subject = std::move(message.subject);
    alert.text = std::move(message.text);
    StoreResult<bool> fired = check.store.RecordAlert(alert, check.targets);
    if (auto* error = std::get_if<StoreError>(&fired)) {
      return *std::move(error);
    }
    recorded += std::get<bool>(fired) ? 1 : 0;
  }
  return recorded;
}

const Budget* FindById(std::span<const Budget> budgets, const std::string& id) {
  for (const Budget& budget : budgets) {
    if (budget.id == id) {
      return &budget;
    }
  }
  return nullptr;
}

}  // namespace

StoreResult<int> CheckBudgetAlerts(const AlertCheck& check, const Budget& budget) {
  const std::optional<budgets::PeriodKind> kind = budgets::ParsePeriodKind(budget.period);
  const budgets::TimeZone* zone = check.zones.Find(budget.time_zone);
  if (!kind || zone == nullptr) {
    return 0;
  }
  BudgetPeriod at;
  at.period = budgets::PeriodAt(*kind, check.now_unix_ms, *zone, budget.fiscal_first_month);
  at.key = budgets::PeriodKey(*kind, at.period, *zone, budget.fiscal_first_month);
  return CheckPeriod(check, budget, *zone, at);
}

StoreResult<int> CheckAlertsAfterIngest(const AlertCheck& check, std::span<const Budget> budgets,
                                        std::span<const std::vector<SpendIncrement>> increments,
                                        std::span<const InsertResult> results) {
  std::set<std::pair<std::string, std::string>> checked;
  int recorded = 0;
  for (size_t i = 0; i < increments.size() && i < results.size(); ++i) {
    if (results[i] != InsertResult::kStored) {
      continue;
    }
    for (const SpendIncrement& increment : increments[i]) {
      if (!checked.emplace(increment.budget_id, increment.period_key).second) {
        continue;
      }
      const Budget* budget = FindById(budgets, increment.budget_id);
      const budgets::TimeZone* zone =
          budget == nullptr ? nullptr : check.zones.Find(budget->time_zone);
      if (zone == nullptr) {
        continue;
      }
      const BudgetPeriod at{{increment.period_start_unix_ms, increment.period_end_unix_ms},
                            increment.period_key};
      StoreResult<int> result = CheckPeriod(check, *budget, *zone, at);
      if (auto* error = std::get_if<StoreError>(&result)) {
        return *std::move(error);
      }
      recorded += std::get<int>(result);
    }
  }
  return recorded;
}

StoreResult<int> CheckAllBudgetAlerts(const AlertCheck& check) {
  StoreResult<std::vector<Budget>> listed = check.store.ListBudgets();
  if (auto* error = std::get_if<StoreError>(&listed)) {
    return *std::move(error);
  }
  int recorded = 0;
  for (const Budget& budget : std::get<std::vector<Budget>>(listed)) {
    StoreResult<int> result = CheckBudgetAlerts(check, budget);
    if (auto* error = std::get_if<StoreError>(&result)) {
      return *std::move(error);
    }
    recorded += std::get<int>(result);
  }
  return recorded;
}

}  // namespace costgate::central::alerts
