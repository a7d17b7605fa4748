// Writes price rows in the YAML catalogue format yaml_catalogue.h reads (the admin overrides
// file): LoadYamlCatalogue(WriteYamlCatalogue(rows)) gives the same rows back. Amounts are
// written exactly (12 decimals, as strings); effective_from as RFC 3339 UTC to the ms.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "pricing/price_row.h"

namespace costgate::pricing {

std::string WriteYamlCatalogue(std::span<const PriceRow> rows);

// "2026-12-07T20:15:00.000Z"
std::string UtcMillisText(int64_t unix_ms);

}  // namespace costgate::pricing
