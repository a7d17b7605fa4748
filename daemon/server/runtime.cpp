#include "daemon/server/runtime.h"

#include <algorithm>

#include "daemon/server/services.h"

namespace costgate::daemon::server {

const upstream::UpstreamTarget* Runtime::FindUpstream(std::string_view name) const {
  for (const auto& u : upstreams) {
    if (u->name == name) {
      return u.get();
    }
  }
  return nullptr;
}

std::shared_ptr<const Runtime> Runtime::Build(std::shared_ptr<const config::Config> config,
                                              Services& services, uint64_t generation,
                                              std::string& error) {
  auto runtime = std::make_shared<Runtime>();
  runtime->config = config;
  runtime->generation = generation;
  const auto& t = config->timeouts;
  runtime->watchdog_tick = std::min(
      {t.header_read, t.idle_keepalive, t.upstream_connect, t.upstream_response, t.client_write});
  // The central role forwards nothing: no chain, no upstream (and no upstream CA to load).
  if (services.api != nullptr) {
    return runtime;
  }
  runtime->chain = filters::FilterChain::Build(*config, *services.receipts, services.filter_stats,
                                               services.prices,
                                               filters::ChainInfo{services.host, services.version});
  for (const auto& u : config->upstreams) {
    auto target = upstream::MakeUpstreamTarget(u, generation, error);
    if (!target) {
      return nullptr;
    }
    runtime->upstreams.push_back(std::move(target));
  }
  return runtime;
}

}  // namespace costgate::daemon::server
