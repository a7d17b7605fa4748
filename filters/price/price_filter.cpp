#include "filters/price/price_filter.h"

#include "filters/receipt_policy.h"
#include "pricing/cost.h"

namespace costgate::filters {
namespace {

// A call that never produced billable work: refused by us, or answered with an error (or not
// at all) by the provider, and no usage reported.
bool ProviderDidNotBill(const Exchange& x) {
  if (!x.units.empty()) {
    return false;
  }
  if (x.outcome == Outcome::kDenied) {
    return true;
  }
  return x.outcome == Outcome::kUpstreamError && (!x.response || x.response->status >= 400);
}

}  // namespace

void PriceFilter::OnComplete(Exchange& x) noexcept {
  x.cost.reset();
  x.pricing_version.clear();
  x.price_key.clear();
  x.unpriced_reason.clear();
  if (!ProducesReceipt(x)) {
    return;
  }
  if (x.metering != Metering::kMetered) {
    x.unpriced_reason = "unmetered";
    Count(stats_.unpriced_receipts);
    return;
  }
  const pricing::PriceBook& book = prices_.Current();
  x.pricing_version = book.version();
  const pricing::PriceSubject subject{x.price_family.empty() ? x.provider : x.price_family,
                                      x.model_version, x.model_requested};
  if (ProviderDidNotBill(x)) {
    x.cost = pricing::Money{};
    x.price_key = pricing::ResolvePriceKey(book, subject, x.start_unix_ms).key;
    return;
  }
  pricing::Quote quote = pricing::PriceUsage(
      book, subject, x.units, pricing::ServiceTierFromWire(x.service_tier, x.traffic_type),
      x.start_unix_ms);
  x.price_key = std::move(quote.price_key);
  if (quote.priced()) {
    x.cost = quote.total;
    return;
  }
  x.pricing_version.clear();
  x.unpriced_reason = pricing::UnpricedReason(quote.unpriced);
  Count(stats_.unpriced_receipts);
  if (quote.unpriced == pricing::Unpriced::kUnknownModel) {
    Count(stats_.unpriced_unknown_model);
  }
}

}  // namespace costgate::filters
