// Incremental gunzip (RFC 1952) of a body that arrives in arbitrary chunks.
//
// Whatever the compressed bytes fed so far can yield is handed to the sink before Feed returns
// (sync-flushed blocks come out at once), in pieces of at most kOutputBytes. Concatenated gzip
// members decode as one stream. Corrupt input is a value, not an exception: decoding stops,
// corrupt() turns true and later input is ignored. Memory is fixed: one output buffer plus
// zlib's inflate state and 32 KiB window.
//
// Used by the meters (response and request bodies) and by the server's body reader (central's
// gzip batch bodies), each with its own limit on the decoded bytes.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <memory>
#include <string_view>

#include "base/byte_sink.h"

namespace costgate::base {

class GzipDecoder {
 public:
  static constexpr size_t kOutputBytes = 16 * 1024;

  // `sink` must outlive the decoder.
  explicit GzipDecoder(ByteSink& sink) noexcept;
  ~GzipDecoder();
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

  void Feed(std::string_view compressed) noexcept;
  // The body ended. Marks truncated() when it stopped inside a member.
  void Finish() noexcept;

  bool corrupt() const noexcept { return corrupt_; }
  // The body ended inside a gzip member (only known after Finish).
  bool truncated() const noexcept { return truncated_; }
  // Decoder-owned buffer bytes (zlib's own state excluded).
  size_t BufferHighWater() const noexcept { return output_ != nullptr ? kOutputBytes : 0; }

 private:
  ByteSink& sink_;
  z_stream zs_{};
  std::unique_ptr<char[]> output_;
  bool initialised_ = false;
  bool corrupt_ = false;
  bool truncated_ = false;
  bool in_member_ = false;     // bytes of a member were consumed and its end not yet seen
  bool member_ended_ = false;  // the last member ended; the next byte starts a new one
};

}  // namespace costgate::base
