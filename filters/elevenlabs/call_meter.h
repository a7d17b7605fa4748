// The call meters of ElevenLabs operations (PROVIDERS.md B2, B3, trap 16).
//
// Every meter reads the response head when it arrives (a stream the client cancels still has its
// character-cost) and records nothing for an answer that is not 2xx: an error is not billed.
// The model is the request body's model_id, or the endpoint's documented default, reported as
// the usage's model_requested (the URL never names it).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "filters/call_meter.h"
#include "filters/exchange.h"

namespace costgate::filters::elevenlabs {

// Documented defaults of model_id ([ELDOCS] openapi.json request schemas).
inline constexpr std::string_view kDefaultSpeechModel = "eleven_multilingual_v2";
inline constexpr std::string_view kDefaultDialogueModel = "eleven_v3";
inline constexpr std::string_view kDefaultVoiceChangerModel = "eleven_english_sts_v2";

// Credits a sound effect costs when the answer names none (PROVIDERS.md B3): per requested
// second of duration_seconds, or per generation when the model picks the duration.
inline constexpr int64_t kSoundCreditsPerSecond = 20;
inline constexpr int64_t kSoundCreditsPerGeneration = 100;

// The meter for x's metered operation (Classify's names), or nullptr when there is none.
//  - text-to-speech*, text-to-dialogue*: `character-cost` header -> credits (reported); else
//    `x-character-count` -> characters (reported, and estimated: credits come from the model's
//    credit factor); else the code points of the JSON request's
//    `text` (dialogue: of every inputs[].text) -> characters, estimated (pricing turns them
//    into credits with the model's credits_per_character). Default model kDefaultSpeechModel,
//    dialogue kDefaultDialogueModel.
//  - sound-generation: the headers as above; else kSoundCreditsPerSecond x duration_seconds
//    (rounded) when the request set it, else kSoundCreditsPerGeneration -> credits, estimated.
//    No default model.
//  - speech-to-speech*: the headers as above; else no units (billed by audio duration, which
//    nothing here measures: the call stays unpriced, visibly). model_id from the multipart body,
//    default kDefaultVoiceChangerModel.
//  - speech-to-text: the JSON answer's audio_duration_secs -> audio_ms (rounded to the
//    millisecond, reported); else the largest words[].end -> audio_ms, estimated; a 202 (the
//    webhook mode: the transcript comes later) has none. model_id from the multipart body (it is
//    required: no default).
// A call cut off before any answer (the client or the daemon gone after the whole request was
// sent) is estimated as the text or sound fallbacks say: the provider finishes and bills a
// generation it has started.
std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x);

}  // namespace costgate::filters::elevenlabs
