// What an ElevenLabs response head says a call cost (PROVIDERS.md B3, trap 16).
#pragma once

#include <cstdint>
#include <optional>

#include "filters/http_message.h"

namespace costgate::filters::elevenlabs {

struct HeaderCost {
  // `character-cost`: credits billed, after the model's discount and the voice's multiplier.
  // The authoritative figure; sent on TTS, sound generation and (third-party probes) STT.
  std::optional<int64_t> credits;
  // `x-character-count`: characters billed. Documented once and copied by clients, but the live
  // API does not send it; read only when character-cost is absent.
  std::optional<int64_t> characters;
};

// Each header counts when its value is a non-negative decimal integer (surrounding blanks
// allowed); any other value is as good as absent.
HeaderCost ReadCostHeaders(const Headers& headers) noexcept;

}  // namespace costgate::filters::elevenlabs
