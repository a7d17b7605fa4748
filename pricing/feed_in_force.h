// The LiteLLM catalogue pricing usage now: the newest version saved in pricing.history_dir,
// else the bundled snapshot. What an import is compared with (`costgate prices import`,
// POST /admin/v1/prices/import).
#pragma once

#include <string>
#include <vector>

#include "pricing/price_row.h"

namespace costgate::pricing {

struct FeedInForce {
  std::string name;  // the saved file's path, or "the bundled snapshot"
  std::vector<PriceRow> rows;
  std::string error;  // non-empty: the saved file could not be read
};

FeedInForce CurrentLiteLlmFeed(const std::string& history_dir);

}  // namespace costgate::pricing
