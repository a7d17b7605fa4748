// The providers costgate knows how to meter. The only place that lists them: an upstream can be
// configured only under one of these names, and each one is an upstream by default.
#pragma once

#include <array>
#include <string_view>

namespace costgate::config {

struct KnownProvider {
  std::string_view name;         // the key under "upstreams:" and in COSTGATE_<NAME>_* variables
  std::string_view default_url;  // https://host[:port]
  bool regional_hosts = false;   // serves regions at hosts of their own (Vertex AI)
};

inline constexpr std::array kKnownProviders = {
    KnownProvider{"gemini", "https://generativelanguage.googleapis.com"},
    KnownProvider{"vertex", "https://aiplatform.googleapis.com", true},
    KnownProvider{"elevenlabs", "https://api.elevenlabs.io"},
    KnownProvider{"google-tts", "https://texttospeech.googleapis.com"},
};

}  // namespace costgate::config
