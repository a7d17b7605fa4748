// The one rough rule for tokens nobody reported: about four bytes of request per token
// (Google's rule of thumb for English text, https://ai.google.dev/gemini-api/docs/tokens).
// Used for an intent's estimate and for a call cut off before the provider reported usage;
// receipts carrying it are marked estimated.
#pragma once

#include <cstdint>

namespace costgate::filters {

inline constexpr int64_t kBytesPerToken = 4;

// Tokens in `bytes` of request, rounded up; 0 for an empty request.
inline int64_t TokensFromBytes(uint64_t bytes) noexcept {
  return static_cast<int64_t>((bytes + kBytesPerToken - 1) / kBytesPerToken);
}

}  // namespace costgate::filters
