// The price data compiled into the binary, so `costgate proxy` prices calls with no file and no
// network (pricing/data/README.md says where each file comes from).
#pragma once

#include <string_view>

namespace costgate::pricing {

// LiteLLM's model_prices_and_context_window.json snapshot (pricing/data/litellm_model_prices.json).
std::string_view BundledLiteLlmJson() noexcept;
// Our YAML catalogue of what LiteLLM lacks (pricing/data/catalogue.yaml).
std::string_view BundledCatalogueYaml() noexcept;

}  // namespace costgate::pricing
