// What a text-generation request body says before it is sent, for the preflight estimate: a
// Gemini API / Vertex AI generateContent (countTokens) body, or an OpenAI-compatible chat
// completion. The response, and so the bill, is not known yet; these are its bounds.
//
// Rates (issue 14 "Preflight in the proxy"), from Google's "Understand and count tokens"
// (https://ai.google.dev/gemini-api/docs/tokens, read 2026-12-07):
//  - text: one token per kBytesPerToken (4) bytes of request, filters/token_estimate.h: the
//    JSON envelope, tool declarations and system instruction count, which errs high;
//  - an inline image: kImageTokens (258), what an image of at most 384 x 384 pixels counts;
//    a larger one is tiled at 258 per 768 x 768 tile, which the request does not say without
//    decoding the image, so a large image is underestimated;
//  - inline audio: kAudioTokensPerSecond (32) per second; inline video: kVideoTokensPerSecond
//    (263) per second. The duration is not in the request: it is taken from the decoded size at
//    kAudioBytesPerSecond (a 32 kbit/s speech codec) and kVideoBytesPerSecond (1 Mbit/s), so
//    a higher bitrate (PCM WAV: 256 kbit/s and more) errs high;
//  - any other inline data (a PDF, plain text) at the text ratio of its decoded bytes.
// A file referenced by URI (fileData, an http image_url) is not in the request and not counted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::filters::preflight {

inline constexpr int64_t kImageTokens = 258;
inline constexpr int64_t kAudioTokensPerSecond = 32;
inline constexpr int64_t kVideoTokensPerSecond = 263;
inline constexpr int64_t kAudioBytesPerSecond = 4'000;
inline constexpr int64_t kVideoBytesPerSecond = 125'000;

struct GenerationRequest {
  uint64_t text_bytes = 0;   // body bytes outside inline media (base64 strings removed)
  int64_t media_tokens = 0;  // inline media at the rates above
  bool has_media = false;
  // generationConfig.maxOutputTokens (OpenAI: max_completion_tokens, else max_tokens), when a
  // non-negative integer; `output_limit_too_large` when a number beyond int64.
  std::optional<int64_t> max_output_tokens;
  bool output_limit_too_large = false;
  int64_t candidates = 1;  // generationConfig.candidateCount (OpenAI: n), each billed
  std::string model;       // the body's "model" (the OpenAI-compatible route); empty when none
};

// Reads `body` (a JSON object); false when it does not parse, or a count overflows int64. An
// integer beyond uint64 fails the parse: `output_limit_too_large` says whether it was an
// output limit (the rest of `out` is then unread).
bool ReadGenerationRequest(std::string_view body, GenerationRequest& out);

}  // namespace costgate::filters::preflight
