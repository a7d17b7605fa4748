// The call meter of Google Cloud Text-to-Speech operations (PROVIDERS.md C2, C3).
#pragma once

#include <cstddef>
#include <memory>

#include "filters/call_meter.h"
#include "filters/exchange.h"

namespace costgate::filters::google_tts {

// Largest `input` or `voice` value read from a request. Cloud TTS caps input at 5,000 bytes, so
// this only bounds memory against a hostile or broken client; a larger value is not parsed and
// the call is estimated from its request size.
inline constexpr size_t kMaxRequestCaptureBytes = size_t{1} << 20;

// The meter for x's metered operation, or nullptr when Cloud TTS has none for it.
//  - synthesize, synthesizeLongAudio: usage from the request's `input` and `voice`
//    (synthesis_usage.h), recorded only when the response status is 2xx: an error is not
//    billed, and a call that never got an answer is not known to have been.
std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x);

}  // namespace costgate::filters::google_tts
