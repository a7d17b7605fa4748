#include "filters/price/price_filter.h"

#include "filters/receipt_policy.h"

namespace costgate::filters {

void PriceFilter::OnComplete(Exchange& x) noexcept {
  x.cost_micro_usd.reset();
  x.pricing_version.clear();
  if (ProducesReceipt(x)) {
    Count(stats_.unpriced_receipts);
  }
}

}  // namespace costgate::filters
