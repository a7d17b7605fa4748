#include "filters/price/price_filter.h"

#include "filters/receipt_policy.h"
#include "pricing/call_price.h"

namespace costgate::filters {

void PriceFilter::OnComplete(Exchange& x) noexcept {
  x.cost.reset();
  x.pricing_version.clear();
  x.price_key.clear();
  x.unpriced_reason.clear();
  x.pricing_notes.clear();
  if (!ProducesReceipt(x)) {
    return;
  }
  pricing::CallPrice price = pricing::PriceCall(
      prices_.Current(),
      {.subject = {x.price_family.empty() ? x.provider : x.price_family, x.model_version,
                   x.model_requested},
       .known_key = {},
       .units = x.units,
       .tier = pricing::ServiceTierFromWire(x.service_tier, x.traffic_type),
       .metered = x.metering != Metering::kUnmetered,
       .provider_did_not_bill = pricing::ProviderDidNotBill(
           !x.units.empty(), x.outcome == Outcome::kDenied, x.outcome == Outcome::kUpstreamError,
           x.response ? x.response->status : 0),
       .at_ms = x.start_unix_ms});
  x.cost = price.cost;
  x.pricing_version = std::move(price.pricing_version);
  x.price_key = std::move(price.price_key);
  x.unpriced_reason = price.unpriced_reason;
  x.pricing_notes = std::move(price.pricing_notes);
  if (!price.cost) {
    Count(stats_.unpriced_receipts);
  }
  if (price.unpriced == pricing::Unpriced::kUnknownModel) {
    Count(stats_.unpriced_unknown_model);
  }
}

}  // namespace costgate::filters
