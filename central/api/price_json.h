// A price row as the admin API writes it (GET /admin/v1/prices and its neighbours): the key,
// provider, mode, source, origin (bundled | litellm <version time> | catalogue | override), when
// it is in force and every rate as exact USD per unit.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "pricing/price_row.h"

namespace costgate::central {

// effective_to of the row in force now: no later row takes over.
inline constexpr int64_t kPriceStillInForce = std::numeric_limits<int64_t>::max();

// {"key",...,"effective_from"(RFC 3339 | null: since always),"effective_from_unix_ms",
//  "effective_to"(null: still in force),"effective_to_unix_ms","origin","layer",
//  "rates":[{"field":"input_cost_per_token","per_unit_usd","per_unit_pico_usd"}...],
//  "long_context_threshold","credits_per_character_milli"}
void AppendPriceRowJson(std::string& out, const pricing::PriceRow& row, int64_t effective_to_ms);

// Where a row comes from, for people: "bundled" (the LiteLLM snapshot built in), "litellm"
// (a saved version), "catalogue" (our bundled YAML) or "override".
std::string_view PriceRowOrigin(const pricing::PriceRow& row);

}  // namespace costgate::central
