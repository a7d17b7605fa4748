// One request to central's API. The connection's parser has just parsed the request head.
//
// The head is admitted first (route, method, key and scope, on the API thread): a refusal is
// answered without reading any body byte, and `Expect: 100-continue` is answered only once the
// request is admitted and its declared body fits. The body is then read within
// central.max_body_bytes, the process-wide central.max_buffered_body_bytes (503 "overloaded"
// with Retry-After when full) and the request-body pace (408 "body_timeout"), gzip decoded
// within the same bounds, answered by the ApiService, and the response written (a HEAD's without
// its body). An answer sent while body bytes are still unread closes the connection.
#pragma once

#include "daemon/asio.h"
#include "daemon/server/client_connection.h"

namespace costgate::daemon::central_api {

class ApiService;

// Returns true when the connection may carry another request.
Awaitable<bool> RunApiExchange(server::ClientConnection& client, ApiService& api);

}  // namespace costgate::daemon::central_api
