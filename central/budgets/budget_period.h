// A budget's period holding an instant, its key and its time zone, from the budget's own fields:
// what a check of a budget (a preflight, a lease sync) needs for "now", what its spend is read
// and seeded for, and how full it is.
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
  Period period;
  std::string key;                 // PeriodKey
  const TimeZone* zone = nullptr;  // the budget's, owned by the ZoneCache

  // The seed of this period's counter (Store::CreateBudget, UpdateBudget).
  SpendSeed Seed() const { return {key, period.start_unix_ms, period.end_unix_ms}; }
};

// nullopt when the budget's period name or time zone is unknown (the API checks both when the
// budget is made; such a budget counts nothing and holds nothing).
std::optional<BudgetPeriod> BudgetPeriodAt(const Budget& budget, int64_t at_unix_ms,
                                           ZoneCache& zones);

// "2026-01-01T00:00:00+01:00": the instant as local time in `zone` with its UTC offset, "Z" for
// offset 0 (RFC 3339). Whole seconds (milliseconds dropped).
std::string LocalTimeText(int64_t unix_ms, const TimeZone& zone);

// `spent` as a percent of `amount` in hundredths, rounded half to even (12.34 % = 1234); nullopt
// for an amount of 0, of which any spend is no percent.
std::optional<int64_t> PercentHundredths(pricing::Money spent, pricing::Money amount);

}  // namespace costgate::central::budgets
