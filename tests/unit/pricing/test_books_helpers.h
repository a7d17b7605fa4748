// Price books for pricing tests: the real bundled data, and small hand-made ones.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pricing/price_book.h"

namespace costgate::pricing {

// The bundled LiteLLM snapshot alone (layer litellm, since always), built once per process.
const PriceBook& BundledLiteLlmBook();

// The book the daemon loads with no history and no overrides (LoadPriceBook: bundled LiteLLM +
// our bundled YAML catalogue), with the given ElevenLabs plan.
std::shared_ptr<const PriceBook> BundledBook(std::string elevenlabs_plan = "pay_as_you_go");

// A row with one standard, base-band rate.
PriceRow Row(std::string key, RateKind kind, int64_t pico_per_unit,
             int64_t effective_from_ms = kSinceAlways, Layer layer = Layer::kLiteLlm);

// 2026-01-01T00:00:00Z + days, in unix ms.
int64_t Day2026(int days);

}  // namespace costgate::pricing
