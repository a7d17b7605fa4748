// Price catalogues for the prices CLI and refresh tests.
#pragma once

#include <filesystem>
#include <string>

namespace costgate::integration {

// The bundled LiteLLM snapshot in the source tree.
std::filesystem::path BundledCatalogue();

// The bundled catalogue with gemini/gemini-2.5-pro's input price raised from $1.25 to $2 per
// 1M tokens: what a newer LiteLLM feed would say after a price change.
std::string RepricedCatalogue();

}  // namespace costgate::integration
