// The proxy role as the server core serves it: listen.*, a ProxyHandler (behind the daemon's
// own endpoints) per worker, and a new Runtime per configuration generation.
#pragma once

#include <memory>

#include "daemon/proxy/proxy_runtime.h"
#include "daemon/proxy/proxy_services.h"
#include "daemon/server/site.h"

namespace costgate::daemon::proxy {

class ProxySite final : public server::Site {
 public:
  // `services` outlives the site.
  explicit ProxySite(ProxyServices& services) : services_(services) {}

  std::string_view Name() const override { return "proxy"; }
  const config::ListenConfig& Listen(const config::Config& config) const override {
    return config.listen;
  }
  std::unique_ptr<server::Handler> NewHandler() override;
  std::optional<Adopt> Prepare(std::shared_ptr<const config::Config> config, uint64_t generation,
                               std::string& error) override;

 private:
  ProxyServices& services_;
  std::shared_ptr<const Runtime> current_;
};

}  // namespace costgate::daemon::proxy
