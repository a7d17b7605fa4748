#include "daemon/upstream/regional_targets.h"

#include <utility>

#include "daemon/upstream/vertex_location.h"

namespace costgate::daemon::upstream {

bool UsesRegionalHosts(const config::UpstreamConfig& config) {
  return config.regional && config.host == kVertexPublicHost && config.port == 443;
}

RegionalTargets::RegionalTargets(std::shared_ptr<const UpstreamTarget> base)
    : base_(std::move(base)) {}

TargetChoice RegionalTargets::Select(std::string_view upstream_target) const {
  const std::string_view location = NamedLocation(upstream_target);
  if (location.empty()) {
    return {base_, {}};
  }
  LocationHost host = HostForLocation(location);
  if (!host.error.empty()) {
    return {nullptr, std::move(host.error)};
  }
  if (host.host == base_->host) {
    return {base_, {}};
  }
  // Targets are made on first use rather than from a list of regions: Google adds regions, and
  // a list in costgate would refuse the new ones until a release. The lock is held for a map
  // lookup (and, once per host, a few string copies); a shared_ptr keeps a target alive for
  // the requests using it. Past the cap a host gets a target of its own per request, without
  // pooling, so an unbounded set of locations never grows the cache or the pools.
  const std::lock_guard lock(mutex_);
  if (const auto it = by_host_.find(host.host); it != by_host_.end()) {
    return {it->second, {}};
  }
  if (by_host_.size() >= kMaxCachedHosts) {
    return {MakeHostTarget(host.host, false), {}};
  }
  auto target = MakeHostTarget(host.host, true);
  by_host_.emplace(host.host, target);
  return {std::move(target), {}};
}

std::shared_ptr<const UpstreamTarget> RegionalTargets::MakeHostTarget(const std::string& host,
                                                                      bool pooled) const {
  auto target = std::make_shared<UpstreamTarget>(*base_);
  target->host = host;
  target->host_is_ip = false;
  target->host_header = base_->port == "443" ? host : host + ":" + base_->port;
  target->origin = "https://" + target->host_header;
  // The pools key on this: one keep-alive pool per host, none shared with the base host's.
  target->pool_key = base_->name + "@" + host;
  if (!pooled) {
    target->max_idle_connections = 0;
  }
  return target;
}

}  // namespace costgate::daemon::upstream
