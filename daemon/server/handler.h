// What a listener does with the requests its connections read: the one seam between the HTTP
// server core (this folder: listener, connection, parser, writer, watchdog, drain) and a role
// (the proxy session in daemon/proxy, central's API in daemon/central_api).
#pragma once

#include <string>
#include <string_view>

#include "daemon/asio.h"

namespace costgate::daemon::server {

class ClientConnection;

// One instance per worker, used only on that worker's thread: what it holds needs no locking.
class Handler {
 public:
  virtual ~Handler() = default;

  // The connection's parser has just parsed a request head (client.parser().request()); the
  // body, if any, is unread (client.input() may already hold its first bytes). Serves the
  // request to its end and returns true when the connection may carry another request. A
  // request answered with body bytes still unread must return false (or drain them first).
  virtual Awaitable<bool> Serve(ClientConnection& client) = 0;

  // A complete response (head and body) for a request the core refuses by itself: a malformed
  // or late head, a connection over limits.max_connections. In the role's error shape, with the
  // reason code as x-costgate-reason; `close` adds Connection: close, a non-empty `retry_after`
  // a Retry-After field.
  virtual std::string ErrorResponse(int status, std::string_view reason, std::string_view message,
                                    bool close, std::string_view retry_after = {}) const = 0;

  // On the worker's thread, after its last connection: release per-thread resources (pooled
  // upstream connections).
  virtual void OnStop() {}
};

}  // namespace costgate::daemon::server
