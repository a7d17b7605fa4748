// The providers costgate knows, as route data.
//
// Each provider has a folder under filters/ (gemini/, vertex/, google_tts/, elevenlabs/) with
// the same shape: routes.h (kProvider, kPrefix, kBarePaths, ClaimsRequest, and Classify: the
// operation of a path), call_meter.h (its meters), errors.h (ErrorBody: its error shape). A
// provider folder includes no other provider's: what two share lives in a non-provider folder
// (google/: Google's error body, the /{ver}/projects paths of Vertex AI and Cloud TTS). Vertex AI
// serves Gemini's resource paths and bodies, so its Classify and meters are Gemini's, wired here
// and in meter/provider_meter.cpp. Three lists name the folders: this one (routes),
// meter/provider_meter.cpp (meters) and provider_errors.cpp (error bodies); the upstream names
// they use are config/providers.h's.
#pragma once

#include <vector>

#include "filters/route/provider_routes.h"

namespace costgate::filters {

std::vector<ProviderRoutes> BuiltinProviderRoutes();

}  // namespace costgate::filters
