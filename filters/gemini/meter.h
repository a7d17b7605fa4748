// Gemini / Vertex AI usage meter for generateContent and streamGenerateContent responses.
//
// Reads `usageMetadata` and `modelVersion` from a plain JSON body, an SSE stream (alt=sse) or a
// streamed JSON array, optionally gzip-encoded, with memory bounded by MeterOptions however
// long the body or any single value in it. The last usage report with token counts wins; a
// report without counts (Vertex interim `{"trafficType":...}`) never replaces one with counts.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "filters/http_message.h"
#include "filters/usage_meter.h"

namespace costgate::filters::gemini {

enum class BodyFormat { kJson, kSse, kJsonArray };

struct MeterOptions {
  BodyFormat format = BodyFormat::kJson;
  bool gzip = false;
  // Content-Encoding other than gzip/identity (br, deflate, gzip twice...): the meter reads
  // nothing and reports the body as one malformed unit.
  bool undecodable = false;
  size_t max_capture_bytes = 64 * 1024;  // largest usageMetadata object we keep to parse
};

// Picks the format from the operation, whether the request asked for alt=sse, and the response
// head (Content-Type, Content-Encoding: gzip).
MeterOptions ChooseMeterOptions(std::string_view operation, bool alt_sse, const ResponseHead& head);

std::unique_ptr<UsageMeter> CreateMeter(const MeterOptions& options);

}  // namespace costgate::filters::gemini
