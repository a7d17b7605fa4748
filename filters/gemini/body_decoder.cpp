#include "filters/gemini/body_decoder.h"

#include "filters/gemini/meter.h"

namespace costgate::filters::gemini {

BodyDecoder::BodyDecoder(const ResponseHead& head, stream::ByteSink& sink) : sink_(sink) {
  // The generateContent meter's reading of the head applies to every Gemini body.
  const MeterOptions options = ChooseMeterOptions("", false, head);
  undecodable_ = options.undecodable;
  event_stream_ = options.format == BodyFormat::kSse;
  if (options.gzip) {
    gzip_.emplace(static_cast<stream::ByteSink&>(*this));
  }
}

void BodyDecoder::Feed(std::string_view chunk) noexcept {
  if (undecodable_ || chunk.empty()) {
    return;
  }
  if (gzip_.has_value()) {
    gzip_->Feed(chunk);
  } else {
    sink_.Write(chunk);
  }
}

void BodyDecoder::Finish() noexcept {
  if (gzip_.has_value()) {
    gzip_->Finish();
  }
}

}  // namespace costgate::filters::gemini
