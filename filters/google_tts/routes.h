// Google Cloud Text-to-Speech request routing facts: its prefix and bare paths, how to tell a
// Cloud TTS request from Vertex AI's or ElevenLabs' on a shared bare path, and what each path
// does (operation, metering). Pure functions over strings; PROVIDERS.md C1 is the source.
#pragma once

#include <array>
#include <string_view>

#include "filters/http_message.h"
#include "filters/operation.h"

namespace costgate::filters::google_tts {

inline constexpr std::string_view kProvider = "google-tts";
inline constexpr std::string_view kPrefix = "/gcp-tts";

// Paths served at the listener root: the Cloud TTS REST client (gax fallback) takes a host and
// port but no path prefix, so its paths must work unprefixed. "/v1/projects" and
// "/v1beta1/projects" are shared with Vertex AI, "/v1/voices" with ElevenLabs; ClaimsRequest
// decides those.
inline constexpr std::array<std::string_view, 6> kBarePaths = {
    "/v1/text:synthesize", "/v1beta1/text:synthesize", "/v1/voices", "/v1beta1/voices",
    "/v1/projects",        "/v1beta1/projects",
};

// True when a request on a bare path is Cloud TTS's:
//  - text:synthesize (nobody else serves it);
//  - on the /{ver}/projects paths shared with Vertex AI, google::IsCloudTtsRequest
//    (filters/google/project_paths.h): long-audio synthesis, and its operation polls from a
//    Google Cloud client library. Vertex AI's routes claim those paths by its negation;
//  - exactly /v1/voices or /v1beta1/voices without an ElevenLabs key (xi-api-key header).
bool ClaimsRequest(const RequestHead& request) noexcept;
inline constexpr std::string_view kClaimHint =
    "a path ending in :synthesizeLongAudio, an x-goog-api-client header with gapic/ on "
    "operation polls, or no xi-api-key header on /v1/voices";

// Classifies an upstream target: `path` without the route prefix, `query` without '?'.
// Versions v1 and v1beta1 (anything else: "unknown", kUnmetered).
//  - POST /{ver}/text:synthesize: "synthesize" (the custom method's name, as Gemini names
//    "generateContent"), kMetered.
//  - POST /{ver}/projects/{p}/locations/{l}:synthesizeLongAudio: "synthesizeLongAudio",
//    kMetered.
//  - GET /{ver}/voices: "voices.list", kPassThrough.
//  - GET /{ver}/projects/{p}/locations/{l}/operations[/{id}]: "operations.list" /
//    "operations.get", kPassThrough.
//  - anything else: kUnmetered, named "unknown".
// No path names a model: the voice, which decides the price, is in the request body.
Operation Classify(std::string_view method, std::string_view path, std::string_view query);

}  // namespace costgate::filters::google_tts
