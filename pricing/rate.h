// The vocabulary of a price row: which rate (per what unit), for which service tier and which
// context band. Names follow LiteLLM's field names so a row prints the way its source spells it.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "pricing/money.h"

namespace costgate::pricing {

enum class RateKind : uint8_t {
  kInputToken,        // input_cost_per_token
  kCacheReadToken,    // cache_read_input_token_cost
  kOutputToken,       // output_cost_per_token
  kReasoningToken,    // output_cost_per_reasoning_token (thinking; output rate when absent)
  kInputAudioToken,   // input_cost_per_audio_token
  kOutputAudioToken,  // output_cost_per_audio_token
  kOutputImageToken,  // output_cost_per_image_token
  kOutputImage,       // output_cost_per_image
  kInputCharacter,    // input_cost_per_character
  kOutputCharacter,   // output_cost_per_character
  kInputSecond,       // input_cost_per_second (audio transcribed)
  kInputAudioSecond,  // input_cost_per_audio_per_second
  kOutputSecond,      // output_cost_per_second (video generated)
  kCredit,            // usd_per_credit (ElevenLabs plans; our catalogue only)
  kCount,
};
inline constexpr size_t kRateKindCount = static_cast<size_t>(RateKind::kCount);

// Which price list of a model applies (Gemini serviceTier / Vertex trafficType, batch jobs).
// kProvisioned: Vertex Provisioned Throughput, capacity paid for in advance, so a call costs
// nothing at the margin; no row carries rates for it.
enum class ServiceTier : uint8_t { kStandard, kFlex, kPriority, kBatch, kProvisioned, kCount };
inline constexpr size_t kServiceTierCount = static_cast<size_t>(ServiceTier::kCount);

// Long-context pricing: kAbove applies to a request whose prompt exceeds the row's threshold.
enum class Band : uint8_t { kBase, kAbove, kCount };
inline constexpr size_t kBandCount = static_cast<size_t>(Band::kCount);

std::string_view RateKindName(RateKind kind) noexcept;     // "input_cost_per_token"
std::string_view ServiceTierName(ServiceTier t) noexcept;  // "standard", "flex", ...
std::optional<ServiceTier> ParseServiceTier(std::string_view name) noexcept;
std::optional<RateKind> ParseRateKind(std::string_view name) noexcept;

// A LiteLLM-style field name split into its parts: "input_cost_per_token_above_200k_tokens_flex"
// -> {kInputToken, kFlex, kAbove, 200000}. nullopt for fields that are not a rate we use.
struct RateField {
  RateKind kind;
  ServiceTier tier = ServiceTier::kStandard;
  Band band = Band::kBase;
  int64_t threshold_tokens = 0;  // for kAbove: the prompt size the band starts above
};
std::optional<RateField> ParseRateField(std::string_view field) noexcept;

// Where a rate sits in a row's table.
constexpr size_t RateSlot(RateKind kind, ServiceTier tier, Band band) {
  return (static_cast<size_t>(tier) * kBandCount + static_cast<size_t>(band)) * kRateKindCount +
         static_cast<size_t>(kind);
}
inline constexpr size_t kRateSlotCount = kServiceTierCount * kBandCount * kRateKindCount;

}  // namespace costgate::pricing
