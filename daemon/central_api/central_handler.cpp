#include "daemon/central_api/central_handler.h"

#include "daemon/central_api/api_exchange.h"
#include "daemon/http/error_response.h"
#include "daemon/server/local_endpoints.h"

namespace costgate::daemon::central_api {

Awaitable<bool> CentralHandler::Serve(server::ClientConnection& client) {
  return RunApiExchange(client, api_);
}

std::string CentralHandler::ErrorResponse(int status, std::string_view reason,
                                          std::string_view message, bool close,
                                          std::string_view retry_after) const {
  return http::GenericErrorResponse(status, reason, message, close, retry_after);
}

std::unique_ptr<server::Handler> CentralSite::NewHandler() {
  return std::make_unique<server::LocalEndpoints>(std::make_unique<CentralHandler>(api_),
                                                  server::Readiness::kPlain);
}

std::optional<server::Site::Adopt> CentralSite::Prepare(std::shared_ptr<const config::Config>,
                                                        uint64_t, std::string&) {
  return [](server::Handler&) {};
}

}  // namespace costgate::daemon::central_api
