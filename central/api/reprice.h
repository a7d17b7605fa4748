// Central's price of an event: the authoritative cost, from central's own price book, by the
// rules the proxy applies too (pricing/call_price.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "central/store/event.h"
#include "pricing/cost.h"
#include "pricing/price_book.h"

namespace costgate::central {

// Sets event.cost, pricing_version, price_key, unpriced_reason and pricing_notes (the proxy's
// price is left as it is; the notes are central's own, by the proxy's rules). The book's version
// is kept only on a priced event. `proxy_price_key` is the key the proxy priced the call with (a
// batch event's price_key): tried first, because the proxy knew what the event does not carry
// (a Vertex AI path is priced at Vertex prices).
void Reprice(const pricing::PriceBook& book, Event& event, std::string_view proxy_price_key = {});

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
