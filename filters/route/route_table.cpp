#include "filters/route/route_table.h"

#include <utility>

#include "base/json_text.h"
#include "filters/route/request_target.h"

namespace costgate::filters {

using base::AppendJsonKey;
using base::AppendJsonString;

namespace {

// `pattern` itself, or `pattern` followed by '/' or ':' (a sub-resource or a custom method), so
// "/v1/models" never claims "/v1/modelsfoo".
bool MatchesAtBoundary(std::string_view path, std::string_view pattern) noexcept {
  if (!path.starts_with(pattern)) {
    return false;
  }
  return path.size() == pattern.size() || path[pattern.size()] == '/' ||
         path[pattern.size()] == ':';
}

bool MatchesPrefix(std::string_view path, std::string_view prefix) noexcept {
  return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

std::string RoutesJsonMember(const std::vector<RouteDescription>& descriptions) {
  std::string out = R"("routes":[)";
  for (size_t i = 0; i < descriptions.size(); ++i) {
    const RouteDescription& d = descriptions[i];
    out.append(i == 0 ? "{" : ",{");
    if (!d.prefix.empty()) {
      AppendJsonKey(out, "prefix");
      AppendJsonString(out, d.prefix);
    } else {
      AppendJsonKey(out, "paths");
      out.push_back('[');
      for (size_t k = 0; k < d.paths.size(); ++k) {
        if (k > 0) {
          out.push_back(',');
        }
        AppendJsonString(out, d.paths[k]);
      }
      out.push_back(']');
    }
    out.push_back(',');
    AppendJsonKey(out, "provider");
    AppendJsonString(out, d.provider);
    out.push_back(',');
    AppendJsonKey(out, "upstream");
    AppendJsonString(out, d.upstream);
    out.push_back('}');
  }
  out.push_back(']');
  return out;
}

RouteDecision Routed(const ProviderRoutes& routes, std::string upstream_target) {
  return {.kind = RouteDecision::Kind::kRouted,
          .routes = &routes,
          .upstream_target = std::move(upstream_target),
          .message = {}};
}

RouteDecision Refused(RouteDecision::Kind kind, std::string message) {
  return {.kind = kind, .routes = nullptr, .upstream_target = {}, .message = std::move(message)};
}

}  // namespace

RouteTable::RouteTable(const config::Config& config, std::vector<ProviderRoutes> all_routes) {
  // Upstreams come only from config: a provider without one has no routes, so costgate can
  // never be made to forward anywhere the operator did not name.
  for (ProviderRoutes& routes : all_routes) {
    const config::UpstreamConfig* upstream = config.FindUpstream(routes.provider);
    if (upstream == nullptr) {
      continue;
    }
    if (!routes.prefix.empty()) {
      descriptions_.push_back({.provider = std::string(routes.provider),
                               .upstream = upstream->url,
                               .prefix = std::string(routes.prefix) + "/",
                               .paths = {}});
    }
    if (!routes.bare_paths.empty()) {
      RouteDescription bare{.provider = std::string(routes.provider),
                            .upstream = upstream->url,
                            .prefix = {},
                            .paths = {}};
      for (const std::string_view path : routes.bare_paths) {
        bare.paths.push_back(std::string(path) + "/...");
      }
      descriptions_.push_back(std::move(bare));
    }
    routes_.push_back(std::move(routes));
  }
  routes_json_member_ = RoutesJsonMember(descriptions_);
}

RouteDecision RouteTable::Decide(const RequestHead& request) const {
  if (const std::string_view problem = RequestTargetProblem(request.target); !problem.empty()) {
    return Refused(RouteDecision::Kind::kBadTarget, "costgate: " + std::string(problem));
  }
  const std::string_view path = request.Path();
  for (const ProviderRoutes& routes : routes_) {
    if (!routes.prefix.empty() && MatchesPrefix(path, routes.prefix)) {
      std::string_view rest = std::string_view(request.target).substr(routes.prefix.size());
      return Routed(routes, rest.starts_with('/') ? std::string(rest) : "/" + std::string(rest));
    }
  }
  return DecideBarePath(request, path);
}

bool RouteTable::ClaimsBarePath(const ProviderRoutes& routes, std::string_view path) noexcept {
  for (const std::string_view pattern : routes.bare_paths) {
    if (MatchesAtBoundary(path, pattern)) {
      return true;
    }
  }
  return false;
}

RouteDecision RouteTable::DecideBarePath(const RequestHead& request, std::string_view path) const {
  // Counting first keeps the common case (one claimant) free of allocations.
  const ProviderRoutes* first_claimant = nullptr;
  int claimants = 0;
  for (const ProviderRoutes& routes : routes_) {
    if (ClaimsBarePath(routes, path)) {
      first_claimant = first_claimant == nullptr ? &routes : first_claimant;
      ++claimants;
    }
  }
  if (claimants == 1) {
    return Routed(*first_claimant, request.target);
  }
  const std::string what = request.method + " " + std::string(path);
  if (claimants == 0) {
    return Refused(RouteDecision::Kind::kUnknown, "costgate: no route for " + what);
  }
  const ProviderRoutes* chosen = nullptr;
  int positive = 0;
  for (const ProviderRoutes& routes : routes_) {
    if (ClaimsBarePath(routes, path) && routes.claims != nullptr && routes.claims(request)) {
      chosen = &routes;
      ++positive;
    }
  }
  if (positive == 1) {
    return Routed(*chosen, request.target);
  }
  std::string message = "costgate: " + what + " is served by several providers and the request " +
                        "headers do not pick exactly one; send the headers of one:";
  std::string_view separator = " ";
  for (const ProviderRoutes& routes : routes_) {
    if (!ClaimsBarePath(routes, path)) {
      continue;
    }
    message.append(separator);
    separator = "; ";
    message.append(routes.provider);
    message.append(": ");
    message.append(routes.claim_hint);
    if (!routes.prefix.empty()) {
      message.append(" (or the ");
      message.append(routes.prefix);
      message.append("/ prefix)");
    }
  }
  return Refused(RouteDecision::Kind::kAmbiguous, std::move(message));
}

}  // namespace costgate::filters
