#include "central/api/routes.h"

#include <array>

namespace costgate::central {
namespace {

constexpr std::array<RouteSpec, 6> kRoutes = {{
    {Route::kHealth, "/v1/health", "GET", std::nullopt},
    {Route::kUsageBatch, "/v1/usage/batch", "POST", Scope::kShip},
    {Route::kPreflight, "/v1/preflight", "POST", Scope::kPreflight},
    {Route::kUsageRecord, "/v1/usage/record", "POST", Scope::kRecord},
    {Route::kUsersUpsert, "/v1/users/upsert", "POST", Scope::kUpsert},
    {Route::kProjectsUpsert, "/v1/projects/upsert", "POST", Scope::kUpsert},
}};

}  // namespace

const RouteSpec* FindRoute(std::string_view target) {
  if (const size_t query = target.find('?'); query != std::string_view::npos) {
    target = target.substr(0, query);
  }
  // Integrations put the API under a base path of their own ("https://HOST/cost-tracker/v1").
  const size_t v1 = target.find("/v1/");
  if (v1 == std::string_view::npos) {
    return nullptr;
  }
  target.remove_prefix(v1);
  for (const RouteSpec& spec : kRoutes) {
    if (spec.path == target) {
      return &spec;
    }
  }
  return nullptr;
}

}  // namespace costgate::central
