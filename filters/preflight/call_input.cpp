#include "filters/preflight/call_input.h"

#include <charconv>

#include "base/gzip_decoder.h"
#include "filters/body_coding.h"
#include "filters/meter/request_body_decoder.h"

namespace costgate::filters::preflight {
namespace {

// Keeps the first `keep` decoded bytes and counts every byte up to `count_limit`.
class BoundedText final : public base::ByteSink {
 public:
  BoundedText(std::string& out, uint64_t keep, uint64_t count_limit)
      : out_(out), keep_(keep), count_limit_(count_limit) {}

  void Write(std::string_view bytes) noexcept override {
    if (seen_ <= keep_) {
      const uint64_t room = keep_ - seen_;
      out_.append(bytes.substr(0, static_cast<size_t>(std::min<uint64_t>(room, bytes.size()))));
    }
    seen_ += bytes.size();
  }

  uint64_t seen() const noexcept { return seen_; }
  bool kept_all() const noexcept { return seen_ <= keep_; }
  bool counted_enough() const noexcept { return seen_ >= count_limit_; }

 private:
  std::string& out_;
  const uint64_t keep_;
  const uint64_t count_limit_;
  uint64_t seen_ = 0;
};

uint64_t DeclaredLength(const Headers& headers) {
  const std::string* value = headers.Find("content-length");
  uint64_t length = 0;
  if (value != nullptr) {
    std::from_chars(value->data(), value->data() + value->size(), length);
  }
  return length;
}

}  // namespace

CallInput::CallInput(const Exchange& x, uint64_t max_decoded_bytes) {
  const std::string* content_type = x.request.headers.Find("content-type");
  request_.provider = x.provider;
  request_.operation = x.operation;
  request_.metering = x.metering;
  request_.model = x.model_requested;
  request_.content_type = content_type != nullptr ? std::string_view(*content_type) : "";
  request_.body_readable = false;
  switch (x.request_body_state) {
    case RequestBodyState::kUnread:
      request_.body_bytes = DeclaredLength(x.request.headers);
      return;
    case RequestBodyState::kTooLarge:
      request_.body_bytes = x.request_body_size;
      return;
    case RequestBodyState::kBuffered:
      break;
  }
  request_.body_bytes = x.request_body.size();
  const BodyCoding coding = ReadBodyCoding(x.request.headers);
  if (coding.undecodable) {
    return;
  }
  if (coding.gzip) {
    Decode(x.request_body, max_decoded_bytes);
    return;
  }
  request_.body = x.request_body;
  request_.body_readable = true;
}

void CallInput::Decode(std::string_view gzip, uint64_t max_decoded_bytes) {
  BoundedText text(decoded_, max_decoded_bytes, RequestBodyDecoder::kMaxDecodedBytes);
  base::GzipDecoder decoder(text);
  // In pieces, so a zip bomb stops being inflated soon after the count is reached.
  constexpr size_t kPiece = 16 * 1024;
  for (size_t at = 0; at < gzip.size() && !text.counted_enough() && !decoder.corrupt();
       at += kPiece) {
    decoder.Feed(gzip.substr(at, kPiece));
  }
  if (!text.counted_enough()) {
    decoder.Finish();
  }
  if (decoder.corrupt() || decoder.truncated()) {
    decoded_.clear();
    return;  // unreadable, sized as sent
  }
  if (!text.kept_all()) {
    decoded_.clear();
    request_.body_bytes = text.seen();  // the decoded size: what the meter would count
    return;
  }
  request_.body = decoded_;
  request_.body_readable = true;
}

}  // namespace costgate::filters::preflight
