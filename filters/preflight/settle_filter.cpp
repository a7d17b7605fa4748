#include "filters/preflight/settle_filter.h"

#include <utility>

namespace costgate::filters::preflight {

void BudgetSettleFilter::OnComplete(Exchange& x) noexcept {
  const uint64_t reservation = std::exchange(x.budget_reservation, 0);
  if (reservation == 0) {
    return;
  }
  gate_.Settle(reservation, x.sent_upstream ? x.cost : std::optional(pricing::Money()));
}

}  // namespace costgate::filters::preflight
