#include "filters/google_tts/voice_type.h"

#include <array>

#include "filters/http_message.h"

namespace costgate::filters::google_tts {
namespace {

struct VoiceType {
  std::string_view infix;  // "-<Type>-" as it appears in voice names
  std::string_view key;
};

// "Chirp3-HD" and "Chirp-HD" cannot be mistaken for each other: the infixes include the
// dashes on both sides. "News" voices bill on the WaveNet SKU, but the catalogue keeps a row
// of their own, so they keep their own key. "Journey" was folded into Chirp HD by Google; it
// keeps its own key so a receipt says which voice family was asked for.
constexpr std::array<VoiceType, 10> kVoiceTypes = {{
    {"-Standard-", "standard"},
    {"-Wavenet-", "wavenet"},
    {"-Neural2-", "neural2"},
    {"-News-", "news"},
    {"-Studio-", "studio"},
    {"-Polyglot-", "polyglot"},
    {"-Journey-", "journey"},
    {"-Chirp-HD-", "chirp-hd"},
    {"-Chirp3-HD-", "chirp3-hd"},
    {"-Casual-", "casual"},
}};

bool ContainsIgnoreCase(std::string_view text, std::string_view part) noexcept {
  for (size_t at = 0; at + part.size() <= text.size(); ++at) {
    if (EqualsIgnoreCase(text.substr(at, part.size()), part)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string_view VoiceTypeKey(std::string_view voice_name) noexcept {
  for (const VoiceType& type : kVoiceTypes) {
    if (ContainsIgnoreCase(voice_name, type.infix)) {
      return type.key;
    }
  }
  return {};
}

}  // namespace costgate::filters::google_tts
