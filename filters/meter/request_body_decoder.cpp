#include "filters/meter/request_body_decoder.h"

#include <algorithm>

#include "filters/body_coding.h"

namespace costgate::filters {

RequestBodyDecoder::RequestBodyDecoder(const Headers& request_headers, CallMeter& meter,
                                       uint64_t max_decoded_bytes) noexcept
    : meter_(meter), max_decoded_bytes_(max_decoded_bytes) {
  const BodyCoding coding = ReadBodyCoding(request_headers);
  if (coding.undecodable) {
    // Told before any byte: the meter must not take the coded bytes for the body.
    StopReading();
  } else if (coding.gzip) {
    gzip_.emplace(static_cast<stream::ByteSink&>(*this));
    if (gzip_->corrupt()) {
      gzip_.reset();
      StopReading();  // no memory for the decoder: unread, but the body is not to blame
    }
  }
}

void RequestBodyDecoder::Feed(std::string_view forwarded) noexcept {
  if (unreadable_ || forwarded.empty()) {
    return;
  }
  if (!gzip_.has_value()) {
    fed_bytes_ += forwarded.size();
    meter_.OnRequestBody(forwarded);
    return;
  }
  gzip_->Feed(forwarded);
  if (gzip_->corrupt() && !unreadable_) {
    corrupt_ = true;
    StopReading();
  }
  if (unreadable_) {
    gzip_.reset();  // nothing more will be decoded: give its memory back now
  }
}

void RequestBodyDecoder::Write(std::string_view decoded) noexcept {
  if (unreadable_) {
    return;  // the rest of a piece the decoder is still producing past the limit
  }
  const uint64_t room = max_decoded_bytes_ - fed_bytes_;
  const std::string_view piece =
      decoded.substr(0, static_cast<size_t>(std::min<uint64_t>(room, decoded.size())));
  if (!piece.empty()) {
    fed_bytes_ += piece.size();
    meter_.OnRequestBody(piece);
  }
  if (piece.size() < decoded.size()) {
    oversized_ = true;
    StopReading();
  }
}

void RequestBodyDecoder::StopReading() noexcept {
  unreadable_ = true;
  meter_.OnRequestBodyUnreadable();
}

}  // namespace costgate::filters
