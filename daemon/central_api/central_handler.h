// Central's API behind the server core: every request that is not one of the daemon's own
// endpoints is an API request (api_exchange.h), answered by the one ApiService.
#pragma once

#include <memory>
#include <string>

#include "daemon/central_api/api_service.h"
#include "daemon/server/handler.h"
#include "daemon/server/site.h"

namespace costgate::daemon::central_api {

class CentralHandler final : public server::Handler {
 public:
  // `api` outlives the handler.
  explicit CentralHandler(ApiService& api) : api_(api) {}

  Awaitable<bool> Serve(server::ClientConnection& client) override;
  std::string ErrorResponse(int status, std::string_view reason, std::string_view message,
                            bool close, std::string_view retry_after) const override;

 private:
  ApiService& api_;
};

// The central role as the server core serves it: central.listen.*, a CentralHandler (behind
// the daemon's own endpoints) per worker. Nothing of central's depends on the configuration
// generation: a reload changes only what the core keeps (limits, timeouts).
class CentralSite final : public server::Site {
 public:
  explicit CentralSite(ApiService& api) : api_(api) {}

  std::string_view Name() const override { return "central"; }
  const config::ListenConfig& Listen(const config::Config& config) const override {
    return config.central.listen;
  }
  std::unique_ptr<server::Handler> NewHandler() override;
  std::optional<Adopt> Prepare(std::shared_ptr<const config::Config> config, uint64_t generation,
                               std::string& error) override;

 private:
  ApiService& api_;
};

}  // namespace costgate::daemon::central_api
