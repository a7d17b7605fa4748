// The socket side of a central request's body: reading it in (paced, within the body's limit
// and the body budget), decoding gzip within the same bounds, and dropping what a refused
// request still sends before its connection closes.
#pragma once

#include <cstdint>
#include <string_view>

#include "daemon/asio.h"
#include "daemon/server/budgeted_body.h"

namespace costgate::daemon::server {

class ClientConnection;

enum class BodyRead {
  kDone,
  kTooLarge,    // past central.max_body_bytes
  kOverBudget,  // central.max_buffered_body_bytes could not cover it
  kMalformed,   // bad chunked framing
  kTimedOut,    // too slow for the request-body pace, or silent for timeouts.header_read
  kClosed,      // the client went away
};

// Reads the rest of the request body (the connection's parser has parsed the head) into
// `body`. The body keeps the pace of http::BodyPace (timeouts.request_body plus one second per
// limits.min_request_body_bytes_per_s bytes, counting only the time spent waiting for the
// client), and each read waits at most timeouts.header_read.
Awaitable<BodyRead> ReadRequestBody(ClientConnection& client, BudgetedBody& body);

// Gunzips `compressed` into `plain`. kDone, kTooLarge, kOverBudget (from `plain`'s bounds) or
// kMalformed (corrupt or truncated gzip).
BodyRead Gunzip(std::string_view compressed, BudgetedBody& plain);

// After a final answer sent while the request's body is still (partly) unread: sends FIN, then
// reads and drops whatever the client still sends until it closes or a short linger time
// passes. Without it, closing with unread bytes makes the kernel send a reset, which can
// destroy the answer before the client reads it (RFC 9112 section 9.6).
Awaitable<void> DiscardUntilClosed(ClientConnection& client);

}  // namespace costgate::daemon::server
