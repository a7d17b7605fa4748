#include "central/api/reprice.h"

#include <array>

#include "pricing/call_price.h"
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

// The price list to look the model up in: the event's provider, or for a V1 call (which names
// none) the first provider whose list prices the model.
std::string_view Family(const pricing::PriceBook& book, std::string_view provider,
                        std::string_view model_version, std::string_view model, int64_t at_ms) {
  if (!provider.empty()) {
    return provider;
  }
  for (const std::string_view known : kKnownProviders) {
    if (pricing::ResolvePriceKey(book, {known, model_version, model}, at_ms).row != nullptr) {
      return known;
    }
  }
  return {};
}

}  // namespace

UnitsPrice PriceUnits(const pricing::PriceBook& book, std::string_view provider,
                      std::string_view model_version, std::string_view model,
                      const EventUnits& units, pricing::ServiceTier tier, int64_t at_ms) {
  // The quote holds views into its units: only its values leave this scope.
  const pricing::Units priced_units = ToPricingUnits(units);
  pricing::CallPrice price = pricing::PriceCall(
      book, {.subject = {Family(book, provider, model_version, model, at_ms), model_version, model},
             .known_key = {},
             .units = priced_units,
             .tier = tier,
             .metered = true,
             .provider_did_not_bill = false,
             .at_ms = at_ms});
  return {price.unpriced, price.cost.value_or(pricing::Money{}), std::move(price.price_key)};
}

void Reprice(const pricing::PriceBook& book, Event& event, std::string_view proxy_price_key) {
  const pricing::Units units = ToPricingUnits(event.units);
  // The proxy reports either a Gemini serviceTier or a Vertex trafficType in this one field.
  pricing::CallPrice price = pricing::PriceCall(
      book, {.subject = {Family(book, event.provider, event.model_version, event.model,
                                event.start_unix_ms),
                         event.model_version, event.model},
             .known_key = proxy_price_key,
             .units = units,
             .tier = pricing::ServiceTierFromWire(event.service_tier, event.service_tier),
             .metered = event.metered,
             // The status sent to the client: the provider's, or ours when it never answered.
             .provider_did_not_bill =
                 pricing::ProviderDidNotBill(!event.units.empty(), event.status == "denied",
                                             event.status == "upstream_error", event.http_status),
             .at_ms = event.start_unix_ms});
  event.cost = price.cost;
  event.pricing_version = std::move(price.pricing_version);
  event.price_key = std::move(price.price_key);
  event.unpriced_reason = std::string(price.unpriced_reason);
  event.pricing_notes = std::move(price.pricing_notes);
}

}  // namespace costgate::central
