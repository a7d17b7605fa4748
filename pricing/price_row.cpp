#include "pricing/price_row.h"

#include <algorithm>
#include <array>

namespace costgate::pricing {

std::string_view LayerName(Layer layer) noexcept {
  static constexpr std::array<std::string_view, 3> kNames = {"litellm", "catalogue", "override"};
  const auto i = static_cast<size_t>(layer);
  return i < kNames.size() ? kNames[i] : "unknown";
}

void PriceRow::SetRate(RateKind kind, ServiceTier tier, Band band, Money per_unit) {
  const auto slot = static_cast<uint16_t>(RateSlot(kind, tier, band));
  auto it = std::lower_bound(rates_.begin(), rates_.end(), slot,
                             [](const auto& entry, uint16_t s) { return entry.first < s; });
  if (it != rates_.end() && it->first == slot) {
    it->second = per_unit;
  } else {
    rates_.insert(it, {slot, per_unit});
  }
}

std::optional<Money> PriceRow::Rate(RateKind kind, ServiceTier tier, Band band) const noexcept {
  const auto slot = static_cast<uint16_t>(RateSlot(kind, tier, band));
  // Rows hold a dozen rates at most: a linear scan beats a binary search's branches.
  for (const auto& [s, price] : rates_) {
    if (s == slot) {
      return price;
    }
    if (s > slot) {
      break;
    }
  }
  return std::nullopt;
}

bool PriceRow::SamePrices(const PriceRow& other) const noexcept {
  return rates_ == other.rates_ && long_context_threshold == other.long_context_threshold &&
         credits_per_character_milli == other.credits_per_character_milli;
}

SlotParts DecodeSlot(uint16_t slot) noexcept {
  const size_t kind = slot % kRateKindCount;
  const size_t band = (slot / kRateKindCount) % kBandCount;
  const size_t tier = slot / (kRateKindCount * kBandCount);
  return {static_cast<RateKind>(kind), static_cast<ServiceTier>(tier), static_cast<Band>(band)};
}

}  // namespace costgate::pricing
