// Vertex AI request routing facts: its prefix and bare paths, and how to tell a Vertex AI
// request from Cloud TTS's on the bare paths both serve. What each path does (operation, model,
// metering, price family "vertex") is gemini::Classify's: the two APIs share their resource
// paths and bodies (PROVIDERS.md A1/A2).
#pragma once

#include <array>
#include <string_view>

#include "filters/http_message.h"

namespace costgate::filters::vertex {

inline constexpr std::string_view kProvider = "vertex";
inline constexpr std::string_view kPrefix = "/vertex";

// Paths served at the listener root, as the genai SDKs send them when their Vertex AI base URL
// is the daemon: regional and global resource paths (/{ver}/projects/{p}/locations/{l}/...) and
// express mode (/{ver}/publishers/google/models/...). "/v1/projects" and "/v1beta1/projects" are
// shared with Cloud TTS; ClaimsRequest decides those.
inline constexpr std::array<std::string_view, 4> kBarePaths = {
    "/v1/projects",
    "/v1beta1/projects",
    "/v1/publishers",
    "/v1beta1/publishers",
};

// On a /{ver}/projects path Cloud TTS also serves: true exactly when google::IsCloudTtsRequest
// (filters/google/project_paths.h), which Cloud TTS's routes claim by, is false; so one of the
// two always claims a shared request and never both.
bool ClaimsRequest(const RequestHead& request) noexcept;
inline constexpr std::string_view kClaimHint =
    "a path not ending in :synthesizeLongAudio, and no x-goog-api-client header with gapic/ on "
    "operation polls";

}  // namespace costgate::filters::vertex
