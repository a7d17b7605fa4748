// The skeleton shared by the Gemini / Vertex AI meters that read a 2xx response body (Imagen,
// embedding predict, cachedContents create, OpenAI-compatible): the body of a 2xx response is
// gunzipped (BodyDecoder) and handed, in order, to the derived meter, which overrides
// stream::ByteSink::Write and parses the bytes as they stream (never buffered whole); any other
// response is not read, as Google bills no error (PROVIDERS.md E6). The derived meter says only
// what it reads, and at Finish calls FinishBody() and records what it found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "filters/call_meter.h"
#include "filters/gemini/body_decoder.h"
#include "filters/http_message.h"
#include "filters/stream/byte_sink.h"
#include "filters/usage_meter.h"

namespace costgate::filters::gemini {

class BodyMeter : public CallMeter, private stream::ByteSink {
 public:
  void OnResponseHead(const ResponseHead& head) noexcept final;
  void OnResponseBody(std::string_view chunk) noexcept final;

 protected:
  // Largest first-level value a meter keeps from a response body to parse.
  static constexpr size_t kMaxCaptureBytes = 64 * 1024;

  // Ends the body's decoding (the last decoded bytes reach Write); false when no 2xx body was
  // read (an error status, or no response head), true when one was, whole or cut short.
  bool FinishBody() noexcept;
  // 1 when the body was unreadable (an encoding costgate does not decode, corrupt gzip), else 0.
  uint32_t body_malformed() const noexcept {
    return body_.has_value() && body_->failed() ? 1U : 0U;
  }
  // The body is Server-Sent Events (Content-Type: text/event-stream).
  bool event_stream() const noexcept { return body_.has_value() && body_->event_stream(); }

 private:
  std::optional<BodyDecoder> body_;
};

// For the operations whose URL names no model (cachedContents, OpenAI-compatible): sets
// usage.model_version to `served` (the response's model, bare) and usage.model_requested to the
// bare name in `request_model`, the raw JSON of the request's "model" (none when not a string).
void SetModelNames(std::string_view served, std::string_view request_model,
                   MeteredUsage& usage) noexcept;

}  // namespace costgate::filters::gemini
