// Where a request goes: the route table of one config generation.
//
// Built once from provider route data and the configured upstreams, then read concurrently by
// every request (const). Decides per request: a bad target, a provider route (by prefix, or by
// a bare path with header discrimination between providers sharing it), or no route.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "filters/http_message.h"
#include "filters/route/provider_routes.h"

namespace costgate::filters {

// One line of the route listing (404 body, startup log, FilterChain::RouteDescriptions()).
struct RouteDescription {
  std::string provider;
  std::string upstream;            // the configured upstream URL
  std::string prefix;              // "/gemini/" for a prefix route; empty for bare paths
  std::vector<std::string> paths;  // "/v1beta/models/..." for bare paths; empty for a prefix
};

struct RouteDecision {
  enum class Kind { kRouted, kBadTarget, kUnknown, kAmbiguous };
  Kind kind = Kind::kUnknown;
  const ProviderRoutes* routes = nullptr;  // kRouted: the provider; owned by the table
  std::string upstream_target;             // kRouted: path (prefix stripped) and query
  std::string message;                     // otherwise: for the client, names no secrets
};

class RouteTable {
 public:
  // Keeps the providers of `all_routes` that have an upstream in `config`.
  RouteTable(const config::Config& config, std::vector<ProviderRoutes> all_routes);

  RouteDecision Decide(const RequestHead& request) const;

  const std::vector<RouteDescription>& descriptions() const noexcept { return descriptions_; }
  // `"routes":[{...},...]`, ready to go into an error body.
  std::string_view routes_json_member() const noexcept { return routes_json_member_; }

 private:
  static bool ClaimsBarePath(const ProviderRoutes& routes, std::string_view path) noexcept;
  RouteDecision DecideBarePath(const RequestHead& request, std::string_view path) const;

  std::vector<ProviderRoutes> routes_;
  std::vector<RouteDescription> descriptions_;
  std::string routes_json_member_;
};

}  // namespace costgate::filters
