// Reader of LiteLLM's model price catalogue (model_prices_and_context_window.json), as-is.
//
// Each entry with at least one rate we use becomes a row in layer kLiteLlm. Fields read: every
// `*_cost_per_*` / `cache_read_input_token_cost` field of rate.h with its tier suffixes
// (`_flex`, `_priority`, `_batches`) and long-context bands (`*_above_200k_tokens`,
// `*_above_128k_tokens`), plus `litellm_provider`, `mode` and `source`. Numbers are read from
// their JSON text, exactly (never through a double). Other fields are ignored, so a newer feed
// with new fields still loads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pricing/price_row.h"

namespace costgate::pricing {

struct CatalogueLoad {
  std::vector<PriceRow> rows;
  std::vector<std::string> errors;  // each names the entry and field; non-empty: do not use rows
  size_t entries = 0;               // objects in the document
  size_t unpriced_entries = 0;      // entries without any rate we use (skipped)
};

// `effective_from_ms`: when these prices start (kSinceAlways for the bundled snapshot).
CatalogueLoad LoadLiteLlmCatalogue(std::string_view json, int64_t effective_from_ms);

}  // namespace costgate::pricing
