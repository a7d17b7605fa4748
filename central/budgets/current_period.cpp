#include "central/budgets/current_period.h"

namespace costgate::central::budgets {

std::optional<BudgetPeriod> PeriodOfBudget(const Budget& budget, int64_t at_unix_ms,
                                           ZoneCache& zones) {
  const std::optional<PeriodKind> kind = ParsePeriodKind(budget.period);
  const TimeZone* zone = zones.Find(budget.time_zone);
  if (!kind || zone == nullptr) {
    return std::nullopt;
  }
  const Period period = PeriodAt(*kind, at_unix_ms, *zone, budget.fiscal_first_month);
  return BudgetPeriod{PeriodKey(*kind, period, *zone, budget.fiscal_first_month), period};
}

std::optional<int64_t> PercentHundredths(pricing::Money spent, pricing::Money amount) {
  if (amount.pico() <= 0) {
    return std::nullopt;
  }
  // Both within int64 pico-USD: the product is taken in 128 bits, the quotient fits.
  return pricing::MulDivRoundHalfEven(spent.pico(), 10'000, amount.pico());
}

}  // namespace costgate::central::budgets
