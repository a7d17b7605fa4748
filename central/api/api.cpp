#include "central/api/api.h"

#include <string>
#include <variant>

#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/key_auth.h"
#include "central/api/routes.h"

namespace costgate::central {

Api::Api(Store& store, pricing::PriceBookHolder& prices, ApiLimits limits)
    : store_(store), prices_(prices), limits_(limits) {}

bool Api::Serves(std::string_view path) { return FindRoute(path) != nullptr; }

std::variant<Admission, ApiResponse> Api::Admit(const ApiHead& head) {
  const RouteSpec* route = FindRoute(head.path);
  if (route == nullptr) {
    return ErrorResponse(404, "not_found", "no such route");
  }
  if (head.method != route->method) {
    return ErrorResponse(405, "method_not_allowed",
                         std::string(route->path) + " takes " + std::string(route->method));
  }
  if (!route->scope) {
    return Admission{route->route, std::nullopt};
  }
  std::variant<ApiKeyRecord, ApiResponse> key =
      Authenticate(store_, head.api_key, *route->scope, head.now_unix_ms);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&key)) {
    return std::move(*refused);
  }
  return Admission{route->route, std::move(std::get<ApiKeyRecord>(key))};
}

ApiResponse Api::Handle(const ApiRequest& request, const Admission& admission) {
  if (admission.route == Route::kHealth || !admission.key) {
    // Only health is admitted without a key (Admit).
    return HandleHealth(store_);
  }
  const Call call{request, *admission.key, store_, prices_.Current()};
  switch (admission.route) {
    case Route::kUsageBatch:
      return HandleUsageBatch(call, limits_.max_batch_events);
    case Route::kPreflight:
      return HandlePreflight(call);
    case Route::kUsageRecord:
      return HandleUsageRecord(call);
    case Route::kUsersUpsert:
      return HandleUserUpsert(call);
    case Route::kProjectsUpsert:
      return HandleProjectUpsert(call);
    case Route::kHealth:
      break;
  }
  return HandleHealth(store_);
}

ApiResponse Api::Handle(const ApiRequest& request) {
  std::variant<Admission, ApiResponse> admitted =
      Admit({request.method, request.path, request.api_key, request.now_unix_ms});
  if (ApiResponse* refused = std::get_if<ApiResponse>(&admitted)) {
    return std::move(*refused);
  }
  return Handle(request, std::get<Admission>(admitted));
}

ApiResponse HandleHealth(Store& store) {
  ApiResponse response;
  if (store.Ping()) {
    response.status = 503;
    response.body = R"({"status":"error","db":"error"})";
    return response;
  }
  response.body = R"({"status":"ok","db":"ok"})";
  return response;
}

}  // namespace costgate::central
