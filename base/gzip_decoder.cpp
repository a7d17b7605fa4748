#include "base/gzip_decoder.h"

#include <new>

namespace costgate::base {

GzipDecoder::GzipDecoder(ByteSink& sink) noexcept : sink_(sink) {
  output_.reset(new (std::nothrow) char[kOutputBytes]);
  // 16 + MAX_WBITS: accept the gzip wrapper only; a zlib or raw deflate body is corrupt here.
  initialised_ = output_ != nullptr && inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
  corrupt_ = !initialised_;
}

GzipDecoder::~GzipDecoder() {
  if (initialised_) {
    inflateEnd(&zs_);
  }
}

void GzipDecoder::Feed(std::string_view compressed) noexcept {
  if (corrupt_ || compressed.empty()) {
    return;
  }
  // zlib's API is not const-correct; it never writes through next_in.
  zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs_.avail_in = static_cast<uInt>(compressed.size());
  bool output_full = false;
  while (zs_.avail_in > 0 || output_full) {
    if (member_ended_) {
      if (zs_.avail_in == 0) {
        break;
      }
      inflateReset(&zs_);
      member_ended_ = false;
    }
    zs_.next_out = reinterpret_cast<Bytef*>(output_.get());
    zs_.avail_out = static_cast<uInt>(kOutputBytes);
    const uInt in_before = zs_.avail_in;
    const int rc = inflate(&zs_, Z_NO_FLUSH);
    const size_t produced = kOutputBytes - zs_.avail_out;
    if (in_before != zs_.avail_in) {
      in_member_ = true;
    }
    if (produced > 0) {
      sink_.Write(std::string_view(output_.get(), produced));
    }
    output_full = zs_.avail_out == 0;
    if (rc == Z_STREAM_END) {
      in_member_ = false;
      member_ended_ = true;
      output_full = false;
    } else if (rc == Z_BUF_ERROR) {
      break;  // no progress possible: the rest of this member is in later input
    } else if (rc != Z_OK) {
      corrupt_ = true;
      break;
    }
  }
  zs_.next_in = nullptr;
  zs_.avail_in = 0;
}

void GzipDecoder::Finish() noexcept { truncated_ = !corrupt_ && in_member_; }

}  // namespace costgate::base
