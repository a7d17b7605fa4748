#include "pricing/rate.h"

#include <charconv>

namespace costgate::pricing {
namespace {

constexpr std::array<std::string_view, kRateKindCount> kRateKindNames = {
    "input_cost_per_token",        "cache_read_input_token_cost",
    "output_cost_per_token",       "output_cost_per_reasoning_token",
    "input_cost_per_audio_token",  "output_cost_per_audio_token",
    "output_cost_per_image_token", "output_cost_per_image",
    "input_cost_per_character",    "output_cost_per_character",
    "input_cost_per_second",       "input_cost_per_audio_per_second",
    "output_cost_per_second",      "usd_per_credit",
};

constexpr std::array<std::string_view, kServiceTierCount> kTierNames = {
    "standard", "flex", "priority", "batch", "provisioned"};

// LiteLLM's spelling of the tier suffixes.
struct TierSuffix {
  std::string_view suffix;
  ServiceTier tier;
};
constexpr std::array<TierSuffix, 3> kTierSuffixes = {{
    {"_flex", ServiceTier::kFlex},
    {"_priority", ServiceTier::kPriority},
    {"_batches", ServiceTier::kBatch},
}};

bool ConsumeSuffix(std::string_view& s, std::string_view suffix) {
  if (s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
    s.remove_suffix(suffix.size());
    return true;
  }
  return false;
}

// "_above_200k_tokens" at the end of `s` -> 200000, removed from `s`.
std::optional<int64_t> ConsumeAboveBand(std::string_view& s) {
  constexpr std::string_view kTail = "k_tokens";
  constexpr std::string_view kHead = "_above_";
  if (!ConsumeSuffix(s, kTail)) {
    return std::nullopt;
  }
  const size_t head = s.rfind(kHead);
  if (head == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view digits = s.substr(head + kHead.size());
  int64_t thousands = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), thousands);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || thousands <= 0) {
    return std::nullopt;
  }
  s = s.substr(0, head);
  return thousands * 1000;
}

}  // namespace

std::string_view RateKindName(RateKind kind) noexcept {
  const auto i = static_cast<size_t>(kind);
  return i < kRateKindNames.size() ? kRateKindNames[i] : "unknown";
}

std::string_view ServiceTierName(ServiceTier t) noexcept {
  const auto i = static_cast<size_t>(t);
  return i < kTierNames.size() ? kTierNames[i] : "unknown";
}

std::optional<ServiceTier> ParseServiceTier(std::string_view name) noexcept {
  for (size_t i = 0; i < kTierNames.size(); ++i) {
    if (kTierNames[i] == name) {
      return static_cast<ServiceTier>(i);
    }
  }
  return std::nullopt;
}

std::optional<RateKind> ParseRateKind(std::string_view name) noexcept {
  for (size_t i = 0; i < kRateKindNames.size(); ++i) {
    if (kRateKindNames[i] == name) {
      return static_cast<RateKind>(i);
    }
  }
  return std::nullopt;
}

std::optional<RateField> ParseRateField(std::string_view field) noexcept {
  RateField out{};
  std::string_view rest = field;
  for (const auto& [suffix, tier] : kTierSuffixes) {
    if (ConsumeSuffix(rest, suffix)) {
      out.tier = tier;
      break;
    }
  }
  if (auto threshold = ConsumeAboveBand(rest)) {
    out.band = Band::kAbove;
    out.threshold_tokens = *threshold;
  }
  auto kind = ParseRateKind(rest);
  if (!kind) {
    return std::nullopt;
  }
  out.kind = *kind;
  return out;
}

}  // namespace costgate::pricing
