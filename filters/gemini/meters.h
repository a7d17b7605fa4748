// The call meters of Gemini API / Vertex AI operations other than generateContent, one per
// file (PROVIDERS.md A2-A5, A8). Each reads what Google bills the operation by; error
// responses (>= 400) carry no units.
#pragma once

#include <memory>

#include "filters/call_meter.h"
#include "filters/exchange.h"

namespace costgate::filters::gemini {

// embedContent, batchEmbedContents (AIS; Vertex embedContent): usageMetadata.promptTokenCount
// when reported; otherwise the characters of the request's text parts, estimated
// (unreported_usage.h).
std::unique_ptr<CallMeter> CreateEmbedMeter(const Exchange& x);

// Vertex `:predict` on an embedding model: metadata.billableCharacterCount as characters for
// the character-billed models, the sum of predictions[].embeddings.statistics.token_count as
// input_tokens for gemini-embedding-*.
std::unique_ptr<CallMeter> CreatePredictEmbeddingMeter(const Exchange& x);

// Imagen `:predict`: images = predictions[] entries carrying an image (bytesBase64Encoded or
// gcsUri); the safety-attributes entry is not an image.
std::unique_ptr<CallMeter> CreateImageMeter(const Exchange& x);

// Veo `:predictLongRunning`: video_seconds = parameters.durationSeconds x sampleCount of the
// request, estimated (the response is only an operation name).
std::unique_ptr<CallMeter> CreateVideoMeter(const Exchange& x);

// cachedContents create: usageMetadata.totalTokenCount as input_tokens; the model from the
// response's (else the request's) "model".
std::unique_ptr<CallMeter> CreateCacheCreateMeter(const Exchange& x);

// OpenAI-compatible chat completions and embeddings: OpenAI `usage` of the JSON body or of the
// last SSE chunk carrying one. A call without usage (a stream that did not ask for it, an answer
// cut off) is estimated (unreported_usage.h) from the request's bytes, or the characters of an
// embeddings request's "input", and the characters of the text the answer carried. The model is
// the answer's "model", and the request's "model" on every receipt, errors included.
std::unique_ptr<CallMeter> CreateOpenAiMeter(const Exchange& x);

}  // namespace costgate::filters::gemini
