// Reader of LiteLLM's model price catalogue (model_prices_and_context_window.json), as-is.
//
// Each entry with at least one rate we use becomes a row in layer kLiteLlm. Fields read: every
// `*_cost_per_*` / `cache_read_input_token_cost` field of rate.h with its tier suffixes
// (`_flex`, `_priority`, `_batches`) and long-context bands (`*_above_200k_tokens`,
// `*_above_128k_tokens`), plus `litellm_provider`, `mode` and `source`. Numbers are read from
// their JSON text, exactly (never through a double). Other fields are ignored, so a newer feed
// with new fields still loads.
//
// Only the providers costgate proxies are kept: entries whose `litellm_provider` is not gemini,
// vertex_ai* or elevenlabs can never price a receipt, so they are counted and skipped. That
// keeps the book small (about 250 of 3,000 entries) and its version unchanged by a feed update
// that only touches other vendors. Entries without a `litellm_provider` are kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pricing/price_row.h"

namespace costgate::pricing {

struct CatalogueLoad {
  std::vector<PriceRow> rows;
  std::vector<std::string> errors;    // each names the entry and field; non-empty: do not use rows
  size_t entries = 0;                 // objects in the document
  size_t unpriced_entries = 0;        // entries without any rate we use (skipped)
  size_t other_provider_entries = 0;  // entries of providers costgate does not proxy (skipped)
};

// `effective_from_ms`: when these prices start (kSinceAlways for the bundled snapshot).
CatalogueLoad LoadLiteLlmCatalogue(std::string_view json, int64_t effective_from_ms);

}  // namespace costgate::pricing
