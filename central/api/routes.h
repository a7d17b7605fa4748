// The API's route table: which request target names which route, its method and its scope.
#pragma once

#include <optional>
#include <string_view>

#include "central/store/store.h"

namespace costgate::central {

enum class Route { kHealth, kUsageBatch, kPreflight, kUsageRecord, kUsersUpsert, kProjectsUpsert };

struct RouteSpec {
  Route route;
  std::string_view path;       // after the prefix: "/v1/health"
  std::string_view method;     // "GET" or "POST"
  std::optional<Scope> scope;  // the key scope it needs; nullopt: no key needed
};

// The route a request target names: any prefix before the first "/v1/" is dropped
// ("/cost-tracker/v1/health"), a query string is ignored, the rest must match exactly.
// nullptr when the target names no route.
const RouteSpec* FindRoute(std::string_view target);

}  // namespace costgate::central
