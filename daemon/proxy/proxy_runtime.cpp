#include "daemon/proxy/proxy_runtime.h"

#include "daemon/proxy/proxy_services.h"

namespace costgate::daemon::proxy {

upstream::TargetChoice Runtime::SelectUpstream(std::string_view provider,
                                               std::string_view upstream_target) const {
  for (const auto& r : regional) {
    if (r->name() == provider) {
      return r->Select(upstream_target);
    }
  }
  for (const auto& u : upstreams) {
    if (u->name == provider) {
      return {u, {}};
    }
  }
  return {};
}

std::shared_ptr<const Runtime> Runtime::Build(std::shared_ptr<const config::Config> config,
                                              ProxyServices& services, uint64_t generation,
                                              std::string& error) {
  auto runtime = std::make_shared<Runtime>();
  runtime->config = config;
  runtime->generation = generation;
  if (services.budget_gate == nullptr && services.gates != nullptr) {
    runtime->gate = services.gates->MakeGate(config->preflight);
  }
  filters::preflight::BudgetGate* const gate =
      services.budget_gate != nullptr ? services.budget_gate : runtime->gate.get();
  runtime->chain = filters::FilterChain::Build(
      *config, services.receipts, services.filter_stats, services.prices,
      filters::ChainInfo{services.host, services.version}, gate);
  for (const auto& u : config->upstreams) {
    auto target = upstream::MakeUpstreamTarget(u, generation, error);
    if (!target) {
      return nullptr;
    }
    if (upstream::UsesRegionalHosts(u)) {
      runtime->regional.push_back(std::make_shared<const upstream::RegionalTargets>(target));
    }
    runtime->upstreams.push_back(std::move(target));
  }
  return runtime;
}

}  // namespace costgate::daemon::proxy
