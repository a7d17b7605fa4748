// A plain TCP HTTP/1.1 client with byte-level control, for what curl will not do: malformed,
// partial, pipelined or Expect: 100-continue requests, reading a streamed body piece by piece,
// and hanging up mid-response. Every read takes a deadline.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "tests/integration/http_client_helpers.h"

namespace costgate::integration {

using Clock = std::chrono::steady_clock;

struct RawResponseHead {
  int status = 0;
  std::string reason;
  HeaderList headers;
  std::optional<std::string> Header(std::string_view name) const {
    return FindHeader(headers, name);
  }
};

class RawConnection {
 public:
  // Connects to 127.0.0.1:port; connected() tells whether it worked.
  explicit RawConnection(uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(std::string_view bytes);
  // Hangs up: the peer sees FIN (no unread data) or RST.
  void Close();

  // Reads one response head (an interim 100 Continue is a head too). nullopt on timeout, EOF or
  // a malformed head.
  std::optional<RawResponseHead> ReadHead(Clock::duration timeout);

  // Decodes the body of the last head read (chunked, Content-Length or until close) until
  // `enough` is true for the body received so far, the body ends, the peer closes, or the
  // timeout passes.
  void ReadBody(Clock::duration timeout, const std::function<bool(std::string_view)>& enough);
  // The whole body: ReadBody until it ends.
  void ReadFullBody(Clock::duration timeout);

  const std::string& body() const { return body_; }
  bool body_complete() const { return body_complete_; }  // terminator / full length seen
  bool peer_closed() const { return peer_closed_; }      // EOF or reset seen

  // Reads and discards until the peer closes; true if it did within the timeout.
  bool WaitForClose(Clock::duration timeout);

 private:
  // Appends what arrives to buffer_; false on timeout, EOF or error.
  bool Fill(Clock::time_point deadline);
  // Moves decodable body bytes from buffer_ into body_.
  void DecodeBody();

  int fd_ = -1;
  std::string buffer_;  // received, not yet consumed
  std::string body_;
  bool body_complete_ = false;
  bool peer_closed_ = false;
  // Body framing of the response being read.
  enum class Framing { kChunked, kLength, kUntilClose, kNone } framing_ = Framing::kNone;
  uint64_t remaining_ = 0;  // of the current chunk or of Content-Length
  bool in_chunk_data_ = false;
};

}  // namespace costgate::integration
