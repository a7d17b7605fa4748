// Cloud TTS voice types: which price row a voice name bills on (PROVIDERS.md C3).
#pragma once

#include <string_view>

namespace costgate::filters::google_tts {

// Price key suffixes of pricing/data/catalogue.yaml ("google-tts/<suffix>") that are not read
// from a voice name.
inline constexpr std::string_view kStandardVoice = "standard";
inline constexpr std::string_view kInstantCustomVoice = "instant-custom-voice";
inline constexpr std::string_view kCustomVoice = "custom-voice";

// The voice type of a voice name "<lang>-<region>-<Type>-<variant>" ("en-US-Wavenet-A",
// "en-US-Chirp3-HD-Kore", "cmn-CN-Standard-B") as its price key suffix: the type lowercased,
// "standard", "wavenet", "neural2", "news", "studio", "polyglot", "journey", "chirp-hd",
// "chirp3-hd" or "casual". The type is found as "-<Type>-" anywhere in the name, ignoring
// case, so locale shapes do not matter. Empty when the name has none of these types (a bare
// Gemini-TTS speaker name such as "Kore", or a type costgate does not know).
std::string_view VoiceTypeKey(std::string_view voice_name) noexcept;

}  // namespace costgate::filters::google_tts
