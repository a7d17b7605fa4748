// Gemini API / Vertex AI request routing facts: which bare paths Gemini serves, how to tell a
// Gemini request from another provider's on a shared path, and what each path does (operation,
// model, metering). Pure functions over strings; PROVIDERS.md A1/A2 is the source.
#pragma once

#include <array>
#include <string_view>

#include "filters/http_message.h"
#include "filters/operation.h"

namespace costgate::filters::gemini {

// The provider's name (also its upstream's, upstreams.gemini) and its route prefix.
inline constexpr std::string_view kProvider = "gemini";
inline constexpr std::string_view kPrefix = "/gemini";

// Path prefixes served at the listener root, as the official SDKs send them when their base URL
// is the daemon. Each matches the path itself or the path followed by '/' or ':'.
inline constexpr std::array<std::string_view, 12> kBarePaths = {
    "/v1/models",
    "/v1beta/models",
    "/v1alpha/models",
    "/v1beta/tunedModels",
    "/v1alpha/tunedModels",
    "/v1beta/cachedContents",
    "/v1alpha/cachedContents",
    "/v1beta/files",
    "/v1alpha/files",
    "/upload/v1beta/files",
    "/upload/v1alpha/files",
    "/v1beta/openai",
};

// On a bare path another provider also serves: true when the request carries Gemini's API key
// (x-goog-api-key header or key= query parameter) or no ElevenLabs key (xi-api-key header).
bool ClaimsRequest(const RequestHead& request) noexcept;
inline constexpr std::string_view kClaimHint =
    "x-goog-api-key header or key= query parameter, or no xi-api-key header";

// Classifies an upstream target: `path` without any route prefix, `query` without '?'.
// Versions v1, v1beta, v1alpha, v1beta1; model paths of the Gemini API
// (/{ver}/models/{m}:{method}, /{ver}/tunedModels/{m}:{method}) and Vertex AI
// (/{ver}/projects/{p}/locations/{l}/publishers/google/models/{m}:{method}, express mode
// /{ver}/publishers/google/models/{m}:{method}, /{ver}/.../endpoints/{id}:{method}).
//  - kMetered: generateContent, streamGenerateContent, embedContent, batchEmbedContents,
//    predict on an embedding or Imagen model, predictLongRunning on a Veo model,
//    cachedContents.create, openai.chat.completions, openai.embeddings.
//  - kFree: countTokens, computeTokens.
//  - kPassThrough: GET of the model list ("listModels") or of one model ("getModel"), files.*,
//    operation polls (operations.get/list, fetchPredictOperation), cachedContents
//    get/list/update/delete, batches.get/list.
//  - anything else: kUnmetered, named after what it does: the model method ("predict"),
//    "<collection>.<verb>" ("batches.cancel", "tunedModels.create"), "openai.<path>", or
//    "unknown" for an unknown API version.
// The model is URL-decoded, without a "models/" prefix; tuned models and Vertex endpoints keep
// theirs ("tunedModels/x", "endpoints/123").
Operation Classify(std::string_view method, std::string_view path, std::string_view query);

}  // namespace costgate::filters::gemini
