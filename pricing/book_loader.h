// Builds the process's price book from its sources (ARCHITECTURE.md "Pricing"):
//   1. the bundled LiteLLM snapshot (bundled.h), in force since always;
//   2. each LiteLLM version saved in `pricing.history_dir` by `costgate prices import` or the
//      scheduled refresh, in force from the moment it was saved (file name
//      litellm-<unix_ms>-<sha256 prefix>.json);
//   3. the bundled YAML catalogue (bundled.h), layer kCatalogue;
//   4. `pricing.overrides_file` (same YAML format), layer kOverride.
// Pure apart from reading files: time comes in as a parameter.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "pricing/price_book.h"

namespace costgate::pricing {

struct BookLoad {
  std::shared_ptr<const PriceBook> book;  // null when errors is non-empty
  std::vector<std::string> errors;        // each names its file (and entry)
  std::vector<std::string> notes;         // e.g. "2 saved LiteLLM versions loaded"
};

BookLoad LoadPriceBook(const config::PricingConfig& pricing);

}  // namespace costgate::pricing
