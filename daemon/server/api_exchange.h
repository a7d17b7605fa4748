// One request to central's API: reads the whole body (bounded, gzip decoded), has the
// ApiService answer it, writes the JSON response. The connection's parser has just parsed the
// request head.
#pragma once

#include "daemon/asio.h"

namespace costgate::daemon::server {

class ClientConnection;
class ApiService;

// Returns true when the connection may carry another request.
Awaitable<bool> RunApiExchange(ClientConnection& client, ApiService& api);

}  // namespace costgate::daemon::server
