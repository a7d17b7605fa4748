// What changed between two sets of prices: keys added, removed and repriced (each rate with its
// old and new amount), and how many stayed the same. Pure; for `costgate prices import` and the
// scheduled refresh's report.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pricing/price_book.h"
#include "pricing/price_row.h"

namespace costgate::pricing {

struct RateChange {
  uint16_t slot = 0;            // RateSlot; DecodeSlot gives kind, tier and band
  std::optional<Money> before;  // nullopt: the rate is new
  std::optional<Money> after;   // nullopt: the rate was dropped
};

struct RepricedKey {
  std::string key;
  std::vector<RateChange> rates;  // by slot; only the rates that differ
  int64_t threshold_before = 0;   // long_context_threshold (tokens)
  int64_t threshold_after = 0;
  int64_t credits_milli_before = 0;  // credits_per_character_milli
  int64_t credits_milli_after = 0;
};

struct CatalogueDiff {
  std::vector<std::string> added;     // sorted
  std::vector<std::string> removed;   // sorted
  std::vector<RepricedKey> repriced;  // sorted by key
  size_t unchanged = 0;

  bool empty() const noexcept { return added.empty() && removed.empty() && repriced.empty(); }
};

// Compares two row sets key by key (a LiteLLM catalogue against another). A set holds one row
// per key; when it holds several, the last one counts.
CatalogueDiff DiffRows(std::span<const PriceRow> before, std::span<const PriceRow> after);

// Compares the rows in force at `at_ms` in two books, over the keys of both.
CatalogueDiff DiffBooks(const PriceBook& before, const PriceBook& after, int64_t at_ms);

// The LiteLLM-style field name of a rate slot: "input_cost_per_token_above_200k_tokens_flex".
// `threshold_tokens` names the band of a kAbove slot (a row's long_context_threshold).
std::string RateFieldName(uint16_t slot, int64_t threshold_tokens);

}  // namespace costgate::pricing
