// Parser of one Gemini / Vertex AI `usageMetadata` object into Units.
//
// Token counts map to the shared unit names (promptTokenCount -> input_tokens,
// candidatesTokenCount -> output_tokens, cachedContentTokenCount -> cached_input_tokens,
// thoughtsTokenCount -> thinking_tokens, toolUsePromptTokenCount -> tool_use_input_tokens,
// totalTokenCount -> total_tokens) and the per-modality lists to input_<m>_tokens,
// output_<m>_tokens, cached_input_<m>_tokens and tool_use_input_<m>_tokens, where <m> is text,
// image, audio, video, document or unspecified. Units come out in that fixed order whatever
// the wire order; absent fields stay absent; unknown fields are ignored (field names drift).
// A parser is reused across a stream: after warm-up it allocates nothing per object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "filters/units.h"

namespace costgate::filters::gemini {

enum class UsageParse : uint8_t {
  kReport,     // token counts present
  kNoCounts,   // well-formed but without counts (Vertex interim {"trafficType":"ON_DEMAND"})
  kMalformed,  // not an object, bad JSON, or a count that is negative or not an integer
};

struct UsageReport {
  Units units;
  std::string service_tier;  // usageMetadata.serviceTier, empty when absent
  std::string traffic_type;  // usageMetadata.trafficType, empty when absent
};

class UsageParser {
 public:
  UsageParser();
  ~UsageParser();
  UsageParser(const UsageParser&) = delete;
  UsageParser& operator=(const UsageParser&) = delete;

  // Parses the raw bytes of one usageMetadata value into `report` (overwritten whole; on
  // kMalformed its contents are unspecified).
  UsageParse Parse(std::string_view raw, UsageReport& report) noexcept;

  // Decodes the raw bytes of a JSON string value (quotes included) into `out`; false when `raw`
  // is not a JSON string.
  bool ParseString(std::string_view raw, std::string& out) noexcept;

  // Bytes held by the parser's reused buffers.
  size_t BufferHighWater() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace costgate::filters::gemini
