// The Gemini usage meter: body bytes -> (gunzip) -> (SSE framing) -> first-level field
// extraction -> usageMetadata / modelVersion.
//
// Each unit (the plain body, an SSE event, a streamed-array element) contributes its
// usageMetadata and modelVersion when it closes well-formed. The last report with token counts
// wins whole (counts are cumulative snapshots; never summed, never maxed); a report without
// counts only updates the traffic type and service tier. The last non-empty modelVersion wins,
// recorded bare ("models/gemini-2.5-pro" is gemini-2.5-pro: json_value.h BareModelName).
// A unit that is malformed (or whose usageMetadata is) counts in `malformed`; one whose
// usageMetadata exceeded MeterOptions::max_capture_bytes counts in `oversized`; corrupt gzip
// counts once in `malformed` and ends metering. Memory is bounded by a fixed decoder buffer, the
// capture limit and the parser sized to the largest captured value.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/gzip_decoder.h"
#include "filters/gemini/meter.h"
#include "filters/gemini/usage.h"
#include "filters/stream/byte_sink.h"
#include "filters/stream/json_field_extractor.h"
#include "filters/stream/sse_reader.h"
#include "filters/usage_meter.h"

namespace costgate::filters::gemini {

class StreamScanner final : public UsageMeter,
                            private stream::ByteSink,
                            private stream::SseDataConsumer,
                            private stream::JsonUnitConsumer {
 public:
  explicit StreamScanner(const MeterOptions& options);
  StreamScanner(const StreamScanner&) = delete;
  StreamScanner& operator=(const StreamScanner&) = delete;

  void Feed(std::string_view chunk) noexcept override;
  void Finish() noexcept override;
  const MeteredUsage& usage() const noexcept override { return usage_; }

  // Largest number of bytes the scanner's own buffers held at once (zlib's fixed state aside).
  size_t BufferHighWater() const noexcept;

 private:
  // Decoded body bytes (stream::ByteSink).
  void Write(std::string_view bytes) noexcept override;
  // SSE event data (stream::SseDataConsumer).
  void OnData(std::string_view piece) noexcept override;
  void OnEventEnd() noexcept override;
  // One unit's usageMetadata and modelVersion (stream::JsonUnitConsumer).
  void OnUnit(std::span<const stream::JsonCapture> captures) noexcept override;

  void Scan(std::string_view decoded) noexcept;
  void CountMalformed() noexcept;
  void TakeUsage(std::string_view raw) noexcept;

  const bool sse_;
  const bool undecodable_;  // an encoding we cannot read: the body counts as one malformed unit
  bool finished_ = false;
  MeteredUsage usage_;
  std::optional<base::GzipDecoder> gzip_;
  stream::SseReader sse_reader_;
  stream::JsonFieldExtractor extractor_;
  UsageParser parser_;
  UsageReport report_;            // reused per unit
  std::string model_version_;     // reused per unit
  uint32_t usage_malformed_ = 0;  // usageMetadata values that did not parse
};

}  // namespace costgate::filters::gemini
