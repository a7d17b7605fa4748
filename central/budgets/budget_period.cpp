#include "central/budgets/budget_period.h"

#include <cstdio>
#include <cstdlib>

#include "central/budgets/civil_date.h"

namespace costgate::central::budgets {

std::optional<BudgetPeriod> BudgetPeriodAt(const Budget& budget, int64_t at_unix_ms,
                                           ZoneCache& zones) {
  const std::optional<PeriodKind> kind = ParsePeriodKind(budget.period);
  const TimeZone* zone = zones.Find(budget.time_zone);
  if (!kind || zone == nullptr) {
    return std::nullopt;
  }
  const Period period = PeriodAt(*kind, at_unix_ms, *zone, budget.fiscal_first_month);
  return BudgetPeriod{period, PeriodKey(*kind, period, *zone, budget.fiscal_first_month), zone};
}

std::string LocalTimeText(int64_t unix_ms, const TimeZone& zone) {
  const int64_t seconds = FloorDiv(unix_ms, 1000);
  const int32_t offset = zone.UtcOffsetSeconds(seconds);
  const int64_t local = seconds + offset;
  const CivilDate date = CivilFromDays(FloorDiv(local, 86'400));
  const int64_t of_day = FloorMod(local, 86'400);
  char text[48];
  int n = std::snprintf(
      text, sizeof text, "%04lld-%02d-%02dT%02lld:%02lld:%02lld", static_cast<long long>(date.year),
      date.month, date.day, static_cast<long long>(of_day / 3600),
      static_cast<long long>(of_day / 60 % 60), static_cast<long long>(of_day % 60));
  std::string out(text, static_cast<size_t>(n));
  if (offset == 0) {
    out.push_back('Z');
    return out;
  }
  const int32_t magnitude = std::abs(offset);
  n = std::snprintf(text, sizeof text, "%c%02d:%02d", offset < 0 ? '-' : '+', magnitude / 3600,
                    magnitude / 60 % 60);
  out.append(text, static_cast<size_t>(n));
  return out;
}

}  // namespace costgate::central::budgets
