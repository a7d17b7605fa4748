// Reading a request's body from its client, the one way every role does it: limits, pace,
// 100-continue, and discarding what a refused request still sends.
#pragma once

#include <chrono>
#include <string_view>

#include "base/http_message.h"
#include "daemon/asio.h"
#include "daemon/http/body_pace.h"

namespace costgate::daemon::server {

class ClientConnection;

// Paced reads of the rest of a request body. Each read waits at most timeouts.header_read,
// and the body as a whole keeps the pace of http::BodyPace (timeouts.request_body plus one
// second per limits.min_request_body_bytes_per_s bytes, counting only the time spent waiting
// for the client): a client that stalls, or trickles a byte every few seconds, cannot hold its
// connection, its buffers or an upstream connection for ever.
class BodyReader {
 public:
  // Takes the pace from the client's worker's configuration; `client` outlives the reader.
  explicit BodyReader(ClientConnection& client);

  enum class Step {
    kRead,      // more bytes are in client.input()
    kTimedOut,  // the pace or the per-read limit ran out
    kClosed,    // the client went away
  };
  // Waits for the next bytes from the client, into client.input().
  Awaitable<Step> ReadMore();

 private:
  ClientConnection& client_;
  std::chrono::steady_clock::duration read_limit_;
  http::BodyPace pace_;
};

// Where ReadRequestBody puts the body's bytes (the parser's decoded body, framing removed).
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual void Write(std::string_view bytes) noexcept = 0;
  // True once the sink takes no more (a limit passed): reading stops.
  virtual bool Refuses() const noexcept = 0;
};

enum class BodyRead {
  kDone,
  kRefused,    // the sink refused more (its own limit)
  kMalformed,  // bad chunked framing
  kTimedOut,   // BodyReader's pace or per-read limit
  kClosed,     // the client went away
};

// Reads the rest of the request body (the connection's parser has parsed the head) into `sink`.
Awaitable<BodyRead> ReadRequestBody(ClientConnection& client, BodySink& sink);

// Sends "100 Continue" when the request (`head`, the one the connection's parser just parsed)
// asks for it (Expect: 100-continue) and its body is still to come. Call only once the request
// is accepted as far as its head can tell: a client then sends a body costgate wants. False
// when the client is gone.
Awaitable<bool> AnswerExpectContinue(ClientConnection& client, const base::RequestHead& head);

// After a final answer sent while the request's body is still (partly) unread: sends FIN, then
// reads and drops whatever the client still sends until it closes or a short linger time
// passes. Without it, closing with unread bytes makes the kernel send a reset, which can
// destroy the answer before the client reads it (RFC 9112 section 9.6).
Awaitable<void> DiscardUntilClosed(ClientConnection& client);

}  // namespace costgate::daemon::server
