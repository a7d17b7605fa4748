// A central request's body: read in by the server core (server::ReadRequestBody: paced) within
// the body's limit and the body budget, and gzip-decoded within the same bounds.
#pragma once

#include <cstdint>
#include <string_view>

#include "daemon/asio.h"
#include "daemon/central_api/budgeted_body.h"
#include "daemon/server/client_connection.h"

namespace costgate::daemon::central_api {

enum class BodyRead {
  kDone,
  kTooLarge,    // past central.max_body_bytes
  kOverBudget,  // central.max_buffered_body_bytes could not cover it
  kMalformed,   // bad chunked framing
  kTimedOut,    // too slow for the request-body pace, or silent for timeouts.header_read
  kClosed,      // the client went away
};

// Reads the rest of the request body (the connection's parser has parsed the head) into
// `body`, at the pace of server::BodyReader.
Awaitable<BodyRead> ReadRequestBody(server::ClientConnection& client, BudgetedBody& body);

// Gunzips `compressed` into `plain`. kDone, kTooLarge, kOverBudget (from `plain`'s bounds) or
// kMalformed (corrupt or truncated gzip).
BodyRead Gunzip(std::string_view compressed, BudgetedBody& plain);

}  // namespace costgate::daemon::central_api
