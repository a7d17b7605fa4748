// Cost of one call: units x the rates of the row in force at the call's start time.
//
// Rules (PROVIDERS.md A5; each has a test in tests/unit/pricing/cost_test.cpp):
//  - input_tokens (promptTokenCount) includes cached_input_tokens: cached tokens are billed at
//    the cache-read rate and the rest of the prompt at the input rate (cached above the prompt
//    is clamped to it). tool_use_input_tokens bill at the input rate.
//  - thinking_tokens bill at output_cost_per_reasoning_token, else at the output rate.
//  - Long context: when the row has a threshold (`*_above_200k_tokens`) and input_tokens
//    exceeds it (200,001 does, 200,000 does not), every rate of the call uses the upper band.
//  - input_audio_tokens (minus cached audio) bill at input_cost_per_audio_token and
//    output_image_tokens / output_audio_tokens at their output rates, when the row has those
//    rates; otherwise they stay in the text counts. Details never exceed their totals.
//  - Service tier: a flex / priority / batch rate where the row has one; otherwise the
//    standard rate, and the quote says so (tier_fallback). The provisioned tier (Vertex
//    Provisioned Throughput) prices any usage at 0 with no lines: it was paid in advance.
//  - characters: per-character rate; for ElevenLabs models (credits per character) characters
//    become credits. credits bill at the $/credit of the configured plan's row.
//  - images per image, video_seconds per second, audio_ms per second of audio (divided by 1000,
//    rounded half to even: the one non-linear rule).
//  - Informational units (total_tokens, other per-modality details, requests) are not billed.
//    A unit with no rate, or one pricing does not know, leaves the call unpriced: never a
//    silent zero.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "pricing/money.h"
#include "pricing/price_book.h"
#include "pricing/price_key.h"
#include "pricing/rate.h"
#include "pricing/units.h"

namespace costgate::pricing {

enum class Unpriced : uint8_t {
  kNone,          // priced
  kNoUsage,       // no units at all
  kUnknownModel,  // no price key resolves
  kNoRate,        // the row has no rate for a unit the call used (`missing_unit`)
  kUnknownUnit,   // a unit pricing does not know (`missing_unit`)
  kOverflow,      // the amount does not fit
};
std::string_view UnpricedReason(Unpriced u) noexcept;  // "", "no_usage", "unknown_model", ...

struct CostLine {
  std::string_view unit;  // the unit (or part of one) this line bills
  int64_t quantity = 0;
  RateKind rate = RateKind::kInputToken;
  ServiceTier tier = ServiceTier::kStandard;  // tier of the rate used
  Band band = Band::kBase;
  Money per_unit;
  int64_t divisor = 1;  // quantity x per_unit / divisor
  Money amount;
  const PriceRow* row = nullptr;
};

struct Quote {
  Unpriced unpriced = Unpriced::kNone;
  std::string_view missing_unit;  // for kNoRate / kUnknownUnit
  Money total;
  std::string price_key;               // resolved key; empty when the model is unknown
  const PriceRow* row = nullptr;       // the model's row
  const PriceRow* plan_row = nullptr;  // ElevenLabs plan row when credits were billed
  bool tier_fallback = false;          // a non-standard tier had no rate: standard used
  std::array<CostLine, 12> lines{};
  size_t line_count = 0;

  bool priced() const noexcept { return unpriced == Unpriced::kNone; }
};

// Resolves the price key (price_key.h) and prices `units` at `at_ms`.
Quote PriceUsage(const PriceBook& book, const PriceSubject& subject, const Units& units,
                 ServiceTier tier, int64_t at_ms);

// Prices `units` against a known row (the book supplies plan rows for credits).
Quote PriceWithRow(const PriceBook& book, const PriceRow& row, const Units& units, ServiceTier tier,
                   int64_t at_ms);

// Gemini usageMetadata.serviceTier ("flex", "priority", "standard") or Vertex trafficType
// ("ON_DEMAND_FLEX", "ON_DEMAND_PRIORITY", "PROVISIONED_THROUGHPUT"); anything else is standard.
ServiceTier ServiceTierFromWire(std::string_view service_tier, std::string_view traffic_type);

}  // namespace costgate::pricing
