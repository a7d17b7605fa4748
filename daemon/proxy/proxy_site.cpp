#include "daemon/proxy/proxy_site.h"

#include "daemon/proxy/proxy_handler.h"
#include "daemon/server/local_endpoints.h"

namespace costgate::daemon::proxy {

std::unique_ptr<server::Handler> ProxySite::NewHandler() {
  return std::make_unique<server::LocalEndpoints>(
      std::make_unique<ProxyHandler>(services_, current_), server::Readiness::kOutbox);
}

std::optional<server::Site::Adopt> ProxySite::Prepare(std::shared_ptr<const config::Config> config,
                                                      uint64_t generation, std::string& error) {
  std::shared_ptr<const Runtime> runtime =
      Runtime::Build(std::move(config), services_, generation, error);
  if (!runtime) {
    return std::nullopt;
  }
  current_ = runtime;
  return [runtime = std::move(runtime)](server::Handler& handler) {
    // NewHandler made it: the daemon's endpoints in front of a ProxyHandler.
    static_cast<ProxyHandler&>(static_cast<server::LocalEndpoints&>(handler).role()).Adopt(runtime);
  };
}

}  // namespace costgate::daemon::proxy
