// The call meter of Gemini API / Vertex AI operations (PROVIDERS.md A2-A5).
#pragma once

#include <memory>

#include "filters/call_meter.h"
#include "filters/exchange.h"

namespace costgate::filters::gemini {

// The meter for x's metered operation, or nullptr when Gemini has none for it.
//  - generateContent, streamGenerateContent: usageMetadata of a 2xx body (StreamScanner: JSON,
//    SSE or streamed array, gzip); a call that may have been billed and reported no usage (cut
//    off before any) is estimated from its request size (unreported_usage.h). The request's
//    top-level serviceTier stands in when the response names none.
//  - embeddings, Vertex predict (embedding models, Imagen), Veo predictLongRunning,
//    cachedContents.create, openai.chat.completions / openai.embeddings: meters.h.
std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x);

}  // namespace costgate::filters::gemini
