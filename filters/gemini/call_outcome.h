// What a call's outcome says about whether Google billed it (PROVIDERS.md E6, E2).
#pragma once

#include "filters/exchange.h"

namespace costgate::filters::gemini {

inline bool IsSuccess(int status) noexcept { return status >= 200 && status <= 299; }

// The whole request reached the provider and then the call ended without a complete answer:
// a 2xx body cut short, or the client or the daemon gone before the answer.
inline bool CutOffAfterSending(const Exchange& x) noexcept {
  if (x.request_bytes == 0) {
    return false;
  }
  if (x.response.has_value()) {
    return IsSuccess(x.response->status) && x.outcome != Outcome::kSuccess;
  }
  return x.outcome == Outcome::kCancelled || x.outcome == Outcome::kInterrupted;
}

// The provider may have billed the call: it answered 2xx, or it was cut off after sending.
// Error responses (>= 400) are never billed.
inline bool MayBeBilled(const Exchange& x) noexcept {
  return x.response.has_value() ? IsSuccess(x.response->status) : CutOffAfterSending(x);
}

}  // namespace costgate::filters::gemini
