#include "central/api/routes.h"

#include <array>

namespace costgate::central {
namespace {

// Usage and upserts store rows (kWrite); health pings the store and preflight prices from the
// book (kRead). Admission of a keyed route may still write the key's last_used_at (key_auth.h).
constexpr std::array<RouteSpec, 7> kRoutes = {{
    {Route::kHealth, "/v1/health", "GET", std::nullopt, RouteKind::kRead},
    {Route::kUsageBatch, "/v1/usage/batch", "POST", Scope::kShip, RouteKind::kWrite},
    {Route::kPreflight, "/v1/preflight", "POST", Scope::kPreflight, RouteKind::kRead},
    {Route::kUsageRecord, "/v1/usage/record", "POST", Scope::kRecord, RouteKind::kWrite},
    {Route::kUsersUpsert, "/v1/users/upsert", "POST", Scope::kUpsert, RouteKind::kWrite},
    {Route::kProjectsUpsert, "/v1/projects/upsert", "POST", Scope::kUpsert, RouteKind::kWrite},
    {Route::kAlertLog, "/admin/v1/alerts", "GET", Scope::kUpsert, RouteKind::kRead},
}};

const Router& ApiRouter() {
  static const Router router = [] {
    Router r;
    for (size_t i = 0; i < kRoutes.size(); ++i) {
      r.Add(kRoutes[i].method, kRoutes[i].pattern, i);
    }
    return r;
  }();
  return router;
}

RouteLookup ToLookup(RouterMatch match) {
  RouteLookup lookup;
  lookup.outcome = match.outcome;
  if (match.outcome == RouterMatch::Outcome::kFound ||
      match.outcome == RouterMatch::Outcome::kBadEscape) {
    lookup.spec = &kRoutes[match.route];
  }
  lookup.pattern = match.pattern;
  lookup.params = std::move(match.params);
  lookup.allow = std::move(match.allow);
  lookup.bad_param = std::move(match.bad_param);
  return lookup;
}

}  // namespace

RouteLookup FindRoute(std::string_view method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  RouterMatch match = ApiRouter().Find(method, path);
  if (match.outcome == RouterMatch::Outcome::kNotFound) {
    if (const size_t v1 = path.find("/v1/"); v1 != 0 && v1 != std::string_view::npos) {
      match = ApiRouter().Find(method, path.substr(v1));
    }
  }
  return ToLookup(std::move(match));
}

bool IsApiPath(std::string_view path) { return path.find("/v1/") != std::string_view::npos; }

}  // namespace costgate::central
