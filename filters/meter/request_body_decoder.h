// The request body as a call meter reads it (call_meter.h): the forwarded bytes as they are, or
// gunzipped on the side when the request says Content-Encoding gzip (or x-gzip). The forwarded
// bytes are never touched; this only decides what the meter sees.
//
// A body the meter cannot read is declared so to the meter (CallMeter::OnRequestBodyUnreadable)
// rather than fed as garbage: a coding other than gzip or identity (br, zstd, deflate, gzip
// twice) from its first byte; a corrupt gzip from where it broke (counted malformed); past
// `max_decoded_bytes` of decoded body (counted oversized), so a zip bomb costs at most that much
// inflating, plus the rest of the forwarded chunk that crossed the limit. Memory is fixed:
// GzipDecoder's output buffer and zlib's state, allocated only for a gzip body; decoded bytes reach
// the meter in pieces of at most GzipDecoder::kOutputBytes. Never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/gzip_decoder.h"
#include "filters/call_meter.h"
#include "filters/http_message.h"
#include "filters/stream/byte_sink.h"

namespace costgate::filters {

class RequestBodyDecoder final : private stream::ByteSink {
 public:
  // Twice the default limits.max_request_body_bytes: far more than any request a meter reads.
  static constexpr uint64_t kMaxDecodedBytes = 64 * 1024 * 1024;

  // `meter` must outlive the decoder.
  RequestBodyDecoder(const Headers& request_headers, CallMeter& meter,
                     uint64_t max_decoded_bytes = kMaxDecodedBytes) noexcept;
  RequestBodyDecoder(const RequestBodyDecoder&) = delete;
  RequestBodyDecoder& operator=(const RequestBodyDecoder&) = delete;

  // The next forwarded (transfer-decoded) bytes of the request body.
  void Feed(std::string_view forwarded) noexcept;

  // Bytes the meter was given (decoded ones for a gzip body).
  uint64_t fed_bytes() const noexcept { return fed_bytes_; }
  // 1 when the gzip body was corrupt, else 0.
  uint32_t malformed() const noexcept { return corrupt_ ? 1U : 0U; }
  // 1 when the decoded body went past max_decoded_bytes, else 0.
  uint32_t oversized() const noexcept { return oversized_ ? 1U : 0U; }
  // Decoder-owned buffer bytes held now (zlib's own state excluded); 0 unless decoding gzip.
  size_t BufferHighWater() const noexcept {
    return gzip_.has_value() ? gzip_->BufferHighWater() : 0;
  }

 private:
  void Write(std::string_view decoded) noexcept override;
  void StopReading() noexcept;

  CallMeter& meter_;
  const uint64_t max_decoded_bytes_;
  std::optional<base::GzipDecoder> gzip_;
  bool unreadable_ = false;  // the meter was told; nothing more reaches it
  bool corrupt_ = false;
  bool oversized_ = false;
  uint64_t fed_bytes_ = 0;
};

}  // namespace costgate::filters
