// What a Cloud TTS synthesis request bills by, read from the raw bytes of its `input` and
// `voice` values (PROVIDERS.md C2, C3). Used for text:synthesize and synthesizeLongAudio, whose
// bodies share those two fields.
//
// Field names are accepted in both spellings the JSON transcoder takes (lowerCamelCase and the
// proto's snake_case); unknown fields, and fields of any type costgate does not read (integer
// enums such as "ssmlGender": 2 from `$alt=json;enum-encoding=int`), are ignored. Pure; the
// parsers share one simdjson parser per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace costgate::filters::google_tts {

struct SynthesisInput {
  // Unicode code points of input.text, input.ssml (tags included), input.markup and every
  // input.multiSpeakerMarkup.turns[].text: what Cloud TTS bills.
  int64_t characters = 0;
  // Code points of input.prompt, the style instruction only Gemini-TTS reads (and bills as
  // input tokens).
  int64_t prompt_characters = 0;
};

struct SynthesisVoice {
  std::string name;           // voice.name; empty: the service picks a voice
  std::string model_name;     // voice.modelName ("gemini-2.5-flash-tts"); empty when absent
  bool voice_clone = false;   // voice.voiceClone present (Instant Custom Voice)
  bool custom_voice = false;  // voice.customVoice present (a trained Custom Voice)
};

// Reads the raw bytes of an `input` value into `out` (overwritten). False when it is not a JSON
// object or a counted field holds something other than a string or null.
bool ReadSynthesisInput(std::string_view raw, SynthesisInput& out) noexcept;

// Reads the raw bytes of a `voice` value into `out` (overwritten). False when it is not a JSON
// object.
bool ReadSynthesisVoice(std::string_view raw, SynthesisVoice& out) noexcept;

}  // namespace costgate::filters::google_tts
