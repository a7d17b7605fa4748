// The one rule for a token-billed Gemini / Vertex AI call that Google may have billed but whose
// answer reported no usage (PROVIDERS.md E2, A8): generateContent and streamGenerateContent,
// the embeddings operations and the OpenAI-compatible chat completions and embeddings, whether
// the call was cut off (the client or the daemon gone, an upstream reset) or answered 2xx
// without usage (an openai SDK stream without stream_options.include_usage).
#pragma once

#include <cstdint>

#include "filters/exchange.h"
#include "filters/usage_meter.h"

namespace costgate::filters::gemini {

// What a meter saw of the call, in the sizes token_estimate.h turns into tokens.
struct SeenText {
  // The prompt: the request body's bytes (RequestBodySize), or for an embeddings call the
  // characters of the text to embed (what the model reads; the JSON around it is not).
  uint64_t prompt = 0;
  // Characters of the text the answer carried before it ended (streamed deltas, a message's
  // content, tool-call arguments, reasoning); 0 when the meter does not read it or saw none.
  uint64_t output = 0;
};

// When `usage` holds no report and the call may have been billed (call_outcome.h MayBeBilled),
// replaces its units with input_tokens from seen.prompt and, when seen.output > 0,
// output_tokens from seen.output, and marks it estimated. Leaves `usage` alone otherwise, and
// when nothing was seen (both 0).
void EstimateUnreportedUsage(const Exchange& x, const SeenText& seen, MeteredUsage& usage) noexcept;

}  // namespace costgate::filters::gemini
