#include "filters/provider_errors.h"

#include <array>
#include <utility>

#include "filters/elevenlabs/errors.h"
#include "filters/elevenlabs/routes.h"
#include "filters/gemini/errors.h"
#include "filters/gemini/routes.h"
#include "filters/google_tts/errors.h"
#include "filters/google_tts/routes.h"
#include "filters/vertex/errors.h"
#include "filters/vertex/routes.h"

namespace costgate::filters {
namespace {

// One line per provider folder, as route/builtin_routes.cpp lists their routes.
constexpr std::array<std::pair<std::string_view, ErrorBodyFn>, 4> kErrorBodies = {{
    {gemini::kProvider, &gemini::ErrorBody},
    {vertex::kProvider, &vertex::ErrorBody},
    {google_tts::kProvider, &google_tts::ErrorBody},
    {elevenlabs::kProvider, &elevenlabs::ErrorBody},
}};

}  // namespace

ErrorBodyFn ProviderErrorBody(std::string_view provider) noexcept {
  for (const auto& [name, body] : kErrorBodies) {
    if (name == provider) {
      return body;
    }
  }
  return nullptr;
}

}  // namespace costgate::filters
