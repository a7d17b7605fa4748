#include "central/api/reprice.h"

#include <array>

#include "pricing/price_key.h"

namespace costgate::central {
namespace {

constexpr std::array<std::string_view, 4> kKnownProviders = {"gemini", "vertex", "elevenlabs",
                                                             "google-tts"};

// The names are views into `units`.
pricing::Units ToPricingUnits(const EventUnits& units) {
  pricing::Units out;
  for (const auto& [name, count] : units) {
    out.Set(name, count);
  }
  return out;
}

pricing::ResolvedKey Resolve(const pricing::PriceBook& book, std::string_view provider,
                             std::string_view model_version, std::string_view model,
                             int64_t at_ms) {
  if (!provider.empty()) {
    return pricing::ResolvePriceKey(book, {provider, model_version, model}, at_ms);
  }
  for (const std::string_view known : kKnownProviders) {
    pricing::ResolvedKey resolved =
        pricing::ResolvePriceKey(book, {known, model_version, model}, at_ms);
    if (resolved.row != nullptr) {
      return resolved;
    }
  }
  return {};
}

bool ProviderDidNotBill(const Event& event) {
  if (!event.units.empty()) {
    return false;
  }
  if (event.status == "denied") {
    return true;
  }
  // http_status 0: the upstream never answered.
  return event.status == "upstream_error" && (event.http_status == 0 || event.http_status >= 400);
}

}  // namespace

UnitsPrice PriceUnits(const pricing::PriceBook& book, std::string_view provider,
                      std::string_view model_version, std::string_view model,
                      const EventUnits& units, pricing::ServiceTier tier, int64_t at_ms) {
  UnitsPrice price;
  pricing::ResolvedKey resolved = Resolve(book, provider, model_version, model, at_ms);
  if (resolved.row == nullptr) {
    price.unpriced = units.empty() ? pricing::Unpriced::kNoUsage : pricing::Unpriced::kUnknownModel;
    return price;
  }
  // The quote holds views into its units: only its values leave this scope.
  const pricing::Units priced_units = ToPricingUnits(units);
  const pricing::Quote quote =
      pricing::PriceWithRow(book, *resolved.row, priced_units, tier, at_ms);
  price.unpriced = quote.unpriced;
  price.total = quote.total;
  price.price_key = std::move(resolved.key);
  return price;
}

void Reprice(const pricing::PriceBook& book, Event& event) {
  event.cost.reset();
  event.pricing_version.clear();
  event.price_key.clear();
  event.unpriced_reason.clear();
  if (!event.metered) {
    event.unpriced_reason = "unmetered";
    return;
  }
  // The proxy reports either a Gemini serviceTier or a Vertex trafficType in this one field.
  const pricing::ServiceTier tier =
      pricing::ServiceTierFromWire(event.service_tier, event.service_tier);
  if (ProviderDidNotBill(event)) {
    event.cost = pricing::Money{};
    event.pricing_version = book.version();
    event.price_key =
        Resolve(book, event.provider, event.model_version, event.model, event.start_unix_ms).key;
    return;
  }
  UnitsPrice price = PriceUnits(book, event.provider, event.model_version, event.model, event.units,
                                tier, event.start_unix_ms);
  event.price_key = std::move(price.price_key);
  if (price.priced()) {
    event.cost = price.total;
    event.pricing_version = book.version();
    return;
  }
  event.unpriced_reason = pricing::UnpricedReason(price.unpriced);
}

}  // namespace costgate::central
