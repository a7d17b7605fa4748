// Whether an ElevenLabs call was billed, as far as the exchange shows (PROVIDERS.md B3: errors
// carry no cost and are not billed).
#pragma once

#include "filters/exchange.h"

namespace costgate::filters::elevenlabs {

inline bool IsSuccess(int status) noexcept { return status >= 200 && status <= 299; }

// No answer arrived, yet the whole request was sent before the client or the daemon went away:
// the provider finishes and bills a generation it has started, so the call is estimated.
inline bool CutOffBeforeAnswer(const Exchange& x) noexcept {
  return !x.response.has_value() && x.request_bytes > 0 &&
         (x.outcome == Outcome::kCancelled || x.outcome == Outcome::kInterrupted);
}

}  // namespace costgate::filters::elevenlabs
