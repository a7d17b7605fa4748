// A response body as a meter reads it: gunzipped when the upstream sent Content-Encoding: gzip,
// passed through otherwise. An encoding the meter cannot read (br, deflate, gzip twice) or
// corrupt gzip makes the body unreadable: nothing more reaches the sink and failed() is true.
#pragma once

#include <optional>
#include <string_view>

#include "base/gzip_decoder.h"
#include "filters/http_message.h"
#include "filters/stream/byte_sink.h"

namespace costgate::filters::gemini {

class BodyDecoder final : private stream::ByteSink {
 public:
  // `sink` must outlive the decoder.
  BodyDecoder(const ResponseHead& head, stream::ByteSink& sink);
  BodyDecoder(const BodyDecoder&) = delete;
  BodyDecoder& operator=(const BodyDecoder&) = delete;

  void Feed(std::string_view chunk) noexcept;
  void Finish() noexcept;

  bool failed() const noexcept { return undecodable_ || (gzip_.has_value() && gzip_->corrupt()); }
  // The response is Server-Sent Events (Content-Type: text/event-stream).
  bool event_stream() const noexcept { return event_stream_; }

 private:
  void Write(std::string_view bytes) noexcept override { sink_.Write(bytes); }

  stream::ByteSink& sink_;
  bool undecodable_ = false;
  bool event_stream_ = false;
  std::optional<base::GzipDecoder> gzip_;
};

}  // namespace costgate::filters::gemini
