// The providers costgate knows, as route data: Gemini now; Vertex AI, ElevenLabs and Google
// Cloud TTS join this list in later issues.
#pragma once

#include <vector>

#include "filters/route/provider_routes.h"

namespace costgate::filters {

std::vector<ProviderRoutes> BuiltinProviderRoutes();

}  // namespace costgate::filters
