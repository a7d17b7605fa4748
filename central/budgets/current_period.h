// Which period of a budget an instant falls in, with its counter key: what a budget's spend is
// read and seeded for. Plain code: the instant is a parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "central/budgets/period.h"
#include "central/budgets/spend_increments.h"
#include "central/store/budget.h"
#include "pricing/money.h"

namespace costgate::central::budgets {

struct BudgetPeriod {
  std::string key;  // PeriodKey
  Period period;

  // The seed of this period's counter (Store::CreateBudget, UpdateBudget).
  SpendSeed Seed() const { return {key, period.start_unix_ms, period.end_unix_ms}; }
};

// The period of `budget` holding `at_unix_ms`; nullopt when its period name or time zone cannot
// be used (a row written by no check of budget_input.h).
std::optional<BudgetPeriod> PeriodOfBudget(const Budget& budget, int64_t at_unix_ms,
                                           ZoneCache& zones);

// `spent` as a percent of `amount` in hundredths, rounded half to even (12.34 % = 1234); nullopt
// for an amount of 0, of which any spend is no percent.
std::optional<int64_t> PercentHundredths(pricing::Money spent, pricing::Money amount);

}  // namespace costgate::central::budgets
