// ElevenLabs request routing facts (PROVIDERS.md B1, B2): the bare paths its SDKs send, how to
// tell an ElevenLabs request from Gemini's or Cloud TTS's on a shared path, and what each path
// does. Pure functions over strings.
#pragma once

#include <array>
#include <string_view>

#include "filters/http_message.h"
#include "filters/operation.h"

namespace costgate::filters::elevenlabs {

// The provider's name (also its upstream's, upstreams.elevenlabs) and its route prefix.
inline constexpr std::string_view kProvider = "elevenlabs";
inline constexpr std::string_view kPrefix = "/elevenlabs";

// Path prefixes served at the listener root (the SDKs' base URL is the daemon). Each matches
// the path itself or the path followed by '/' or ':'. /v1/models is shared with Gemini and
// /v1/voices with Cloud Text-to-Speech: `ClaimsRequest` settles those.
inline constexpr std::array<std::string_view, 11> kBarePaths = {
    "/v1/text-to-speech",   "/v1/text-to-dialogue", "/v1/speech-to-speech", "/v1/speech-to-text",
    "/v1/sound-generation", "/v1/models",           "/v1/voices",           "/v1/user",
    "/v1/history",          "/v1/shared-voices",    "/v2/voices",
};

// On a bare path another provider also serves: true when the request carries the ElevenLabs
// API key header (xi-api-key).
bool ClaimsRequest(const RequestHead& request) noexcept;
inline constexpr std::string_view kClaimHint = "xi-api-key header";

// Classifies an upstream target (`path` without any route prefix, `query` without '?').
// Operation names are "<endpoint>" then one ".<variant>" per path suffix, in path order:
//  - kMetered (all POST): "text-to-speech", "text-to-speech.stream",
//    "text-to-speech.with-timestamps", "text-to-speech.stream.with-timestamps"
//    (/v1/text-to-speech/{voice_id}[/stream][/with-timestamps]); "text-to-dialogue" with the
//    same variants (/v1/text-to-dialogue[/stream][/with-timestamps]); "speech-to-speech",
//    "speech-to-speech.stream" (/v1/speech-to-speech/{voice_id}[/stream]); "speech-to-text";
//    "sound-generation".
//  - kPassThrough: GET of models, voices (v1 and v2), user, history, shared-voices, named
//    "<collection>.get" ("models.get", "voices.get", "history.get").
//  - kUnmetered, anything else: "<collection>.<method in lower case>" ("voices.post",
//    "music.post", "history.delete"), a metered endpoint with another suffix named with it
//    ("text-to-speech.stream-input", the WebSocket), or "unknown" outside /v1 and /v2.
// The model is never in the URL (it is the request body's model_id): Operation.model is empty.
Operation Classify(std::string_view method, std::string_view path, std::string_view query);

}  // namespace costgate::filters::elevenlabs
