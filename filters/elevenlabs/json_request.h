// The JSON body of an ElevenLabs generation request (text-to-speech, text-to-dialogue, sound
// generation), read as it is forwarded: only `text`, `inputs`, `model_id` and
// `duration_seconds` are kept (each at most kMaxCaptureBytes); everything else is skipped
// without buffering. PROVIDERS.md B2.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "filters/stream/json_field_extractor.h"

namespace costgate::filters::elevenlabs {

struct JsonRequest {
  // Unicode code points of `text`, or of every `inputs[].text` (dialogue); nullopt when the
  // body had neither (or they did not parse, or exceeded the capture limit).
  std::optional<int64_t> characters;
  std::string model_id;                    // empty when absent
  std::optional<double> duration_seconds;  // sound generation; nullopt when absent or null
};

class JsonRequestReader final : private stream::JsonUnitConsumer {
 public:
  static constexpr size_t kMaxCaptureBytes = 1024 * 1024;

  JsonRequestReader();
  JsonRequestReader(const JsonRequestReader&) = delete;
  JsonRequestReader& operator=(const JsonRequestReader&) = delete;

  void Feed(std::string_view chunk) noexcept { extractor_.Feed(chunk); }
  // The body ended; `request()` is final.
  void Finish() noexcept { extractor_.Finish(); }
  const JsonRequest& request() const noexcept { return request_; }

 private:
  void OnUnit(std::span<const stream::JsonCapture> captures) noexcept override;

  JsonRequest request_;
  stream::JsonFieldExtractor extractor_;
};

}  // namespace costgate::filters::elevenlabs
