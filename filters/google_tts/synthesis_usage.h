// The usage of a Cloud TTS synthesis, from its request (PROVIDERS.md C3, traps 14 and 17): the
// response carries no usage, so what the request asked for is what Google bills.
#pragma once

#include <cstdint>

#include "filters/google_tts/synthesis_request.h"
#include "filters/usage_meter.h"

namespace costgate::filters::google_tts {

// Fills `usage` (overwritten) for a successful synthesis:
//  - voice.modelName set (Gemini-TTS, token-billed): input_tokens = (characters + prompt
//    characters) / 4 rounded up, estimated; output audio tokens cannot be known from the
//    request and are not recorded. model_requested = the modelName.
//  - otherwise `characters`, reported (an exact count of what Google bills). model_requested
//    carries the price key suffix of the voice, so "google-tts/<model_requested>" names the row:
//    "instant-custom-voice" for voice.voiceClone, "custom-voice" for voice.customVoice, the
//    voice type of voice.name (voice_type.h), or "standard" with `estimated` set when the name
//    is empty (the service picks the voice). A name of no known type keeps the whole name, so
//    the call shows up unpriced under it.
// Neural2, Polyglot and Studio are metered in bytes on Google's price page; costgate counts
// characters for every type (equal for ASCII text), as pricing/data/catalogue.yaml says.
void UsageFromRequest(const SynthesisInput& input, const SynthesisVoice& voice,
                      MeteredUsage& usage);

// Fills `usage` (overwritten) when the input could not be read (over the capture limit, or
// malformed) but the synthesis succeeded: `request_bytes` of body stand for characters (an
// upper bound: JSON syntax and the other fields count too), or for tokens at four bytes each on
// Gemini-TTS; estimated. `voice` may be empty (unread).
void UsageFromRequestBytes(uint64_t request_bytes, const SynthesisVoice& voice,
                           MeteredUsage& usage);

}  // namespace costgate::filters::google_tts
