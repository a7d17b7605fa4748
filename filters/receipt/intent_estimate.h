// The units an intent carries: what a call that was admitted but never finished (the daemon
// crashed) is likely to have cost, from what is known at admission.
#pragma once

#include "filters/exchange.h"
#include "filters/units.h"

namespace costgate::filters {

// Sets an input-token estimate on `units` for a metered Gemini / Vertex AI call billed by its
// prompt's tokens (generateContent, streamGenerateContent, embedContent, batchEmbedContents,
// the OpenAI-compatible chat completions and embeddings)
// whose request declares its body size (Content-Length) without a content coding (a gzip body's
// length says little of its prompt): one token per 4 bytes, rounded up, Google's
// documented rule of thumb of about 4 characters per token. The JSON envelope makes it an
// overestimate of the prompt, which errs toward counting a crashed call, never losing it. Output
// is unknowable before the response: nothing is set for it. Other calls get no estimate.
void EstimateIntentUnits(const Exchange& x, Units& units);

}  // namespace costgate::filters
