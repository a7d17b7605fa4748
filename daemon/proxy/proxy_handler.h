// The proxy role behind the server core: every request that is not one of the daemon's own
// endpoints becomes a ProxyExchange (proxy_exchange.h). One per worker, holding what a worker's
// requests share: the configuration generation in force, the upstream connection pool and the
// event-id generator.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/uuid7.h"
#include "daemon/proxy/proxy_runtime.h"
#include "daemon/proxy/proxy_services.h"
#include "daemon/server/handler.h"
#include "daemon/upstream/upstream_pool.h"

namespace costgate::daemon::proxy {

class ProxyHandler final : public server::Handler {
 public:
  // `services` outlives the handler.
  ProxyHandler(ProxyServices& services, std::shared_ptr<const Runtime> runtime);

  Awaitable<bool> Serve(server::ClientConnection& client) override;
  // The generic error shape (filters/local_reply.h): no provider is known yet.
  std::string ErrorResponse(int status, std::string_view reason, std::string_view message,
                            bool close, std::string_view retry_after) const override;
  void OnStop() override { pool_.CloseAll(); }

  // A new configuration generation, for the requests that start from now on.
  void Adopt(std::shared_ptr<const Runtime> runtime) { runtime_ = std::move(runtime); }

  const std::shared_ptr<const Runtime>& runtime() const { return runtime_; }
  ProxyServices& services() { return services_; }
  upstream::UpstreamPool& pool() { return pool_; }
  base::UuidV7Generator& ids() { return ids_; }

 private:
  ProxyServices& services_;
  std::shared_ptr<const Runtime> runtime_;
  upstream::UpstreamPool pool_;
  base::UuidV7Generator ids_;
};

}  // namespace costgate::daemon::proxy
