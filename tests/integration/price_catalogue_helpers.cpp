#include "tests/integration/price_catalogue_helpers.h"

#include <gtest/gtest.h>

#include "tests/integration/process_helpers.h"

namespace costgate::integration {

std::filesystem::path BundledCatalogue() {
  return std::filesystem::path(COSTGATE_SOURCE_DIR) / "pricing" / "data" /
         "litellm_model_prices.json";
}

std::string RepricedCatalogue() {
  std::string text = ReadFileOrEmpty(BundledCatalogue());
  const size_t entry = text.find("\"gemini/gemini-2.5-pro\": {");
  const std::string old_rate = "\"input_cost_per_token\": 1.25e-06,";
  const size_t rate = text.find(old_rate, entry);
  if (entry == std::string::npos || rate == std::string::npos) {
    ADD_FAILURE() << "gemini/gemini-2.5-pro input_cost_per_token not found in the bundled file";
    return text;
  }
  return text.replace(rate, old_rate.size(), "\"input_cost_per_token\": 2e-06,");
}

}  // namespace costgate::integration
