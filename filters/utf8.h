// Counting characters the way the per-character products bill them: Unicode code points of
// UTF-8 text (ElevenLabs, Cloud TTS), and the estimate of embeddings input.
#pragma once

#include <cstdint>
#include <string_view>

namespace costgate::filters {

// True for every byte that starts a UTF-8 sequence (every byte but a continuation byte).
inline bool StartsCodePoint(char byte) noexcept {
  return (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U;
}

// Unicode code points of UTF-8 `text`.
inline int64_t CountCodePoints(std::string_view text) noexcept {
  int64_t count = 0;
  for (const char c : text) {
    count += StartsCodePoint(c) ? 1 : 0;
  }
  return count;
}

}  // namespace costgate::filters
