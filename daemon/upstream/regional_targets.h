// Per-location upstream targets of a regional upstream (Vertex AI at its public host): which
// target a request goes to, from the location its path names (vertex_location.h).
//
// Built once per config generation next to the configured target (daemon/proxy/proxy_runtime.cpp)
// and shared by every worker thread; Select is thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "config/config.h"
#include "daemon/upstream/upstream_target.h"

namespace costgate::daemon::upstream {

// True when `config` asks for regional hosts and its url is the public Vertex AI host (on 443):
// the regional hosts are Google's, so with any other url (a mock, a forward proxy) every
// request goes to that url.
bool UsesRegionalHosts(const config::UpstreamConfig& config);

struct TargetChoice {
  std::shared_ptr<const UpstreamTarget> target;  // set iff error is empty
  std::string error;  // the location the request names cannot name a host (a client error)
};

class RegionalTargets {
 public:
  // At most this many location hosts keep their own target (and keep-alive pool); more than
  // Google has regions, few enough that clients inventing locations cannot grow memory.
  static constexpr size_t kMaxCachedHosts = 64;

  // `base` is the configured target (the public host); its TLS context, limits and generation
  // are shared by every location target.
  explicit RegionalTargets(std::shared_ptr<const UpstreamTarget> base);

  const std::string& name() const { return base_->name; }

  // The target for a request whose upstream target (path and query, prefix stripped) is
  // `upstream_target`: the base target when it names no location or the location "global",
  // else the location's host.
  TargetChoice Select(std::string_view upstream_target) const;

 private:
  std::shared_ptr<const UpstreamTarget> MakeHostTarget(const std::string& host, bool pooled) const;

  std::shared_ptr<const UpstreamTarget> base_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const UpstreamTarget>> by_host_;
};

}  // namespace costgate::daemon::upstream
