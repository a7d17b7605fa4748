// Central's price of an event: the authoritative cost, from central's own price book.
//
// The rules are the proxy's (filters/price/price_filter.cpp), so the two agree whenever their
// books do: an unmetered call is unpriced ("unmetered"); a call the provider did not bill
// (denied, or an upstream error without usage) costs 0; otherwise the units are priced at the
// call's start time and an unpriced call keeps the reason ("unknown_model", "no_rate", ...).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "central/store/event.h"
#include "pricing/cost.h"
#include "pricing/price_book.h"

namespace costgate::central {

// Sets event.cost, pricing_version, price_key and unpriced_reason (the proxy's price is left as
// it is). The book's version is kept only on a priced event.
void Reprice(const pricing::PriceBook& book, Event& event);

struct UnitsPrice {
  pricing::Unpriced unpriced = pricing::Unpriced::kNone;
  pricing::Money total;   // 0 when unpriced
  std::string price_key;  // "" when no key resolves

  bool priced() const noexcept { return unpriced == pricing::Unpriced::kNone; }
};

// Prices `units` for a model. `provider` "" (V1 calls do not name one) tries the model under
// each provider pricing knows (gemini, vertex, elevenlabs, google-tts), first hit wins.
UnitsPrice PriceUnits(const pricing::PriceBook& book, std::string_view provider,
                      std::string_view model_version, std::string_view model,
                      const EventUnits& units, pricing::ServiceTier tier, int64_t at_ms);

}  // namespace costgate::central
