#include "pricing/bundled.h"

// The data files are assembled into .rodata as they are (.incbin): no generated source, no
// copy at start-up. COSTGATE_PRICING_DATA_DIR comes from pricing/CMakeLists.txt.
#define COSTGATE_STR2(x) #x
#define COSTGATE_STR(x) COSTGATE_STR2(x)

__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    "costgate_litellm_json_begin:\n"
    ".incbin \"" COSTGATE_STR(COSTGATE_PRICING_DATA_DIR) "/litellm_model_prices.json\"\n"
    "costgate_litellm_json_end:\n"
    ".balign 16\n"
    "costgate_catalogue_yaml_begin:\n"
    ".incbin \"" COSTGATE_STR(COSTGATE_PRICING_DATA_DIR) "/catalogue.yaml\"\n"
    "costgate_catalogue_yaml_end:\n"
    ".previous\n");

extern "C" {
extern const char costgate_litellm_json_begin[];
extern const char costgate_litellm_json_end[];
extern const char costgate_catalogue_yaml_begin[];
extern const char costgate_catalogue_yaml_end[];
}

namespace costgate::pricing {

std::string_view BundledLiteLlmJson() noexcept {
  return {costgate_litellm_json_begin,
          static_cast<size_t>(costgate_litellm_json_end - costgate_litellm_json_begin)};
}

std::string_view BundledCatalogueYaml() noexcept {
  return {costgate_catalogue_yaml_begin,
          static_cast<size_t>(costgate_catalogue_yaml_end - costgate_catalogue_yaml_begin)};
}

}  // namespace costgate::pricing
