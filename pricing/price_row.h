// One effective-dated price row: the rates of one price key from one source, in force from a
// moment on (until a newer row of the same key, or a higher layer, takes over).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pricing/money.h"
#include "pricing/rate.h"

namespace costgate::pricing {

// effective_from of a row with no lower bound: the oldest price we know for a key also prices
// usage from before it was published (the bundled catalogue is a snapshot, not a history).
inline constexpr int64_t kSinceAlways = std::numeric_limits<int64_t>::min();

// Sources, lowest priority first (ARCHITECTURE.md "Pricing"). A newer LiteLLM feed is the same
// layer as the bundled snapshot: it replaces it from its effective time on.
enum class Layer : uint8_t { kLiteLlm, kCatalogue, kOverride };
std::string_view LayerName(Layer layer) noexcept;  // "litellm", "catalogue", "override"

struct PriceRow {
  std::string key;       // "gemini/gemini-2.5-pro", "google-tts/wavenet", "elevenlabs/plan/x"
  std::string provider;  // the source's provider ("gemini", "vertex_ai-language-models", ...)
  std::string mode;      // "chat", "embedding", "image_generation", "audio_speech", ...
  std::string source;    // citation: the public page the numbers come from (and date read)
  Layer layer = Layer::kLiteLlm;
  int64_t effective_from_ms = kSinceAlways;
  int64_t long_context_threshold = 0;       // tokens; 0: the row has no long-context band
  int64_t credits_per_character_milli = 0;  // ElevenLabs: 1000 = 1 credit per character

  // Sets one rate (replacing). `pico` is USD x 1e12 per unit.
  void SetRate(RateKind kind, ServiceTier tier, Band band, Money per_unit);
  // The rate for exactly this tier and band; nullopt when the row has none (absent != zero).
  std::optional<Money> Rate(RateKind kind, ServiceTier tier = ServiceTier::kStandard,
                            Band band = Band::kBase) const noexcept;
  bool HasAnyRate() const noexcept { return !rates_.empty(); }
  // All rates, ordered by slot (tier, band, kind).
  const std::vector<std::pair<uint16_t, Money>>& rates() const noexcept { return rates_; }

  // Same prices (rates, threshold, credit factor): a newer source repeating a row changes nothing.
  bool SamePrices(const PriceRow& other) const noexcept;

 private:
  std::vector<std::pair<uint16_t, Money>> rates_;  // (RateSlot, per-unit price), sorted by slot
};

// Decomposes a slot back into its parts (for printing).
struct SlotParts {
  RateKind kind;
  ServiceTier tier;
  Band band;
};
SlotParts DecodeSlot(uint16_t slot) noexcept;

}  // namespace costgate::pricing
