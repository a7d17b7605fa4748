// Everything the proxy's requests need that depends on one generation of the configuration.
//
// Built once from validated config at start and on each SIGHUP reload, then shared read-only by
// every worker's ProxyHandler (each holds a shared_ptr, swapped on its own thread). A request
// keeps the runtime it started with until it ends, so a reload never changes a request midway.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/upstream/regional_targets.h"
#include "daemon/upstream/upstream_target.h"
#include "filters/chain.h"
#include "filters/preflight/budget_gate.h"

namespace costgate::daemon::proxy {

struct ProxyServices;

// How often a request waiting on its upstream checks that its client is still connected (on
// the worker's watchdog tick, which is never coarser: server::WatchdogTick).
inline constexpr int64_t kClientProbeIntervalMs = 1000;

struct Runtime {
  std::shared_ptr<const config::Config> config;
  // This generation's budget gate (its preflight.fail_closed and timeout; the leases and holds
  // are the process's: ProxyServices::gates). Null when preflight is off. Before `chain`, whose
  // filters use it: it goes after them.
  std::unique_ptr<filters::preflight::BudgetGate> gate;
  filters::FilterChain chain;
  std::vector<std::shared_ptr<const upstream::UpstreamTarget>> upstreams;
  uint64_t generation = 0;

  // Regional upstreams (Vertex AI at its public host): per-location targets, made on first use.
  std::vector<std::shared_ptr<const upstream::RegionalTargets>> regional;

  // The target a request of `provider` goes to, `upstream_target` being its path and query as
  // sent upstream. No target and no error: no upstream is configured for the provider. An error:
  // the path names a location that cannot name a host (the client's mistake, answered 400).
  upstream::TargetChoice SelectUpstream(std::string_view provider,
                                        std::string_view upstream_target) const;

  // Returns nullptr and sets `error` when a runtime resource (a CA file) cannot be loaded.
  static std::shared_ptr<const Runtime> Build(std::shared_ptr<const config::Config> config,
                                              ProxyServices& services, uint64_t generation,
                                              std::string& error);
};

}  // namespace costgate::daemon::proxy
