// A budget's period holding an instant, its key and its time zone, from the budget's own fields:
// what a check of a budget (a preflight, a lease sync) needs for "now".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "central/budgets/period.h"
#include "central/budgets/spend_increments.h"
#include "central/store/budget.h"

namespace costgate::central::budgets {

struct BudgetPeriod {
  Period period;
  std::string key;                 // PeriodKey
  const TimeZone* zone = nullptr;  // the budget's, owned by the ZoneCache
};

// nullopt when the budget's period name or time zone is unknown (the API checks both when the
// budget is made; such a budget counts nothing and holds nothing).
std::optional<BudgetPeriod> BudgetPeriodAt(const Budget& budget, int64_t at_unix_ms,
                                           ZoneCache& zones);

// "2026-01-01T00:00:00+01:00": the instant as local time in `zone` with its UTC offset, "Z" for
// offset 0 (RFC 3339). Whole seconds (milliseconds dropped).
std::string LocalTimeText(int64_t unix_ms, const TimeZone& zone);

}  // namespace costgate::central::budgets
