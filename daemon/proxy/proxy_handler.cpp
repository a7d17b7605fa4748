#include "daemon/proxy/proxy_handler.h"

#include "daemon/http/error_response.h"
#include "daemon/proxy/proxy_exchange.h"

namespace costgate::daemon::proxy {

ProxyHandler::ProxyHandler(ProxyServices& services, std::shared_ptr<const Runtime> runtime)
    : services_(services),
      runtime_(std::move(runtime)),
      ids_(base::UuidV7Generator::FromOsEntropy()) {}

// Not a coroutine: the exchange's frame is the request's only one.
Awaitable<bool> ProxyHandler::Serve(server::ClientConnection& client) {
  return RunExchange(client, *this);
}

std::string ProxyHandler::ErrorResponse(int status, std::string_view reason,
                                        std::string_view message, bool close,
                                        std::string_view retry_after) const {
  return http::GenericErrorResponse(status, reason, message, close, retry_after);
}

}  // namespace costgate::daemon::proxy
