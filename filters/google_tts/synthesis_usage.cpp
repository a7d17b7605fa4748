#include "filters/google_tts/synthesis_usage.h"

#include <string>

#include "filters/google_tts/voice_type.h"
#include "filters/token_estimate.h"

namespace costgate::filters::google_tts {
namespace {

// The price key suffix of a character-billed voice; `guessed` when the service picks it.
std::string VoiceKey(const SynthesisVoice& voice, bool& guessed) {
  guessed = false;
  if (voice.voice_clone) {
    return std::string(kInstantCustomVoice);
  }
  if (voice.custom_voice) {
    return std::string(kCustomVoice);
  }
  if (voice.name.empty()) {
    // Google picks a voice from languageCode and ssmlGender; its type is not known, and the
    // cheapest is the likeliest default.
    guessed = true;
    return std::string(kStandardVoice);
  }
  const std::string_view type = VoiceTypeKey(voice.name);
  return type.empty() ? voice.name : std::string(type);
}

}  // namespace

void UsageFromRequest(const SynthesisInput& input, const SynthesisVoice& voice,
                      MeteredUsage& usage) {
  usage = {};
  if (!voice.model_name.empty()) {
    // Gemini-TTS bills text tokens in and audio tokens out, and reports neither: the input is
    // estimated with the four-characters-per-token rule, the audio is unknowable here.
    const int64_t characters = input.characters + input.prompt_characters;
    usage.units.Set(kUnitInputTokens, (characters + kBytesPerToken - 1) / kBytesPerToken);
    usage.model_requested = voice.model_name;
    usage.estimated = true;
    return;
  }
  bool guessed = false;
  usage.model_requested = VoiceKey(voice, guessed);
  usage.units.Set(kUnitCharacters, input.characters);
  usage.reported = true;
  usage.estimated = guessed;
}

void UsageFromRequestBytes(uint64_t request_bytes, const SynthesisVoice& voice,
                           MeteredUsage& usage) {
  usage = {};
  usage.estimated = true;
  if (!voice.model_name.empty()) {
    usage.units.Set(kUnitInputTokens, TokensFromBytes(request_bytes));
    usage.model_requested = voice.model_name;
    return;
  }
  bool guessed = false;
  usage.model_requested = VoiceKey(voice, guessed);
  usage.units.Set(kUnitCharacters, static_cast<int64_t>(request_bytes));
}

}  // namespace costgate::filters::google_tts
