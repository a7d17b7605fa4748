#include "central/api/api.h"

#include <string>
#include <variant>

#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/key_auth.h"
#include "central/api/routes.h"
#include "central/api/session_auth.h"
#include "central/api/static_files.h"

namespace costgate::central {
namespace {

ApiResponse MethodNotAllowed(std::string_view pattern, const std::string& allow) {
  ApiResponse response =
      ErrorResponse(405, "method_not_allowed", std::string(pattern) + " takes " + allow);
  response.headers.push_back({"Allow", allow});
  return response;
}

}  // namespace

Api::Api(Store& store, pricing::PriceBookHolder& prices, ApiLimits limits,
         const StaticFiles* static_files)
    : store_(store), prices_(prices), limits_(limits), static_files_(static_files) {}

bool Api::Serves(std::string_view path) {
  return FindRoute("GET", path).outcome != RouteLookup::Outcome::kNotFound;
}

bool Api::AdmitsWithoutStore(const ApiHead& head) {
  const RouteLookup found = FindRoute(head.method, head.path.substr(0, head.path.find('?')));
  return found.outcome != RouteLookup::Outcome::kFound || !found.spec->scope.has_value();
}

std::variant<Admission, ApiResponse> Api::Admit(const ApiHead& head) {
  const size_t mark = head.path.find('?');
  const std::string_view path = head.path.substr(0, mark);
  Admission admission;
  if (mark != std::string_view::npos) {
    std::variant<Query, QueryError> query = ParseQuery(head.path.substr(mark + 1));
    if (const QueryError* bad = std::get_if<QueryError>(&query)) {
      return ErrorResponse(400, "invalid_query",
                           "query parameter " + bad->name + " has a malformed percent escape",
                           bad->name);
    }
    admission.query = std::move(std::get<Query>(query));
  }

  RouteLookup found = FindRoute(head.method, path);
  switch (found.outcome) {
    case RouteLookup::Outcome::kFound:
      break;
    case RouteLookup::Outcome::kWrongMethod:
      return MethodNotAllowed(found.pattern, found.allow);
    case RouteLookup::Outcome::kBadEscape:
      return ErrorResponse(400, "invalid_path", found.bad_param + " has a malformed percent escape",
                           found.bad_param);
    case RouteLookup::Outcome::kNotFound:
      // The dashboard's files live where no route does, and never inside the API's namespace:
      // an unknown API path stays a JSON 404 rather than becoming the app's index.html.
      if (static_files_ == nullptr || IsApiPath(path)) {
        return NoSuchRoute();
      }
      if (head.method != "GET" && head.method != "HEAD") {
        return MethodNotAllowed(path, AllowList({"GET"}));
      }
      admission.route = Route::kStaticFile;
      admission.kind = RouteKind::kNoStore;
      return admission;
  }

  admission.route = found.spec->route;
  admission.kind = found.spec->kind;
  admission.params = std::move(found.params);
  if (!found.spec->scope) {
    return admission;
  }
  const std::string_view presented = PresentedKey(head.api_key, head.authorization);
  if (presented.empty() && AcceptsSession(*found.spec)) {
    std::variant<SessionUser, ApiResponse> user = AdmitSession(store_, head, *found.spec);
    if (ApiResponse* refused = std::get_if<ApiResponse>(&user)) {
      return std::move(*refused);
    }
    admission.user = std::move(std::get<SessionUser>(user));
    return admission;
  }
  std::variant<ApiKeyRecord, ApiResponse> key =
      Authenticate(store_, presented, *found.spec->scope, head.now_unix_ms);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&key)) {
    return std::move(*refused);
  }
  admission.key = std::move(std::get<ApiKeyRecord>(key));
  return admission;
}

ApiResponse Api::Handle(const ApiRequest& request, const Admission& admission) {
  if (admission.route == Route::kStaticFile && static_files_ != nullptr) {
    // Admit sends here only with static files on; the target is read again for the path (the
    // admission holds no copy of it).
    return static_files_->Serve(request.path.substr(0, request.path.find('?')),
                                request.if_none_match);
  }
  // The open routes (no key, no session: routes.cpp) answer with no caller to name.
  static const ApiKeyRecord kNoKey;
  const ApiKeyRecord& key = admission.key ? *admission.key : kNoKey;
  const std::string actor = admission.user  ? "user:" + admission.user->username
                            : admission.key ? "key:" + admission.key->id
                                            : "";
  const Call call{request,
                  key,
                  store_,
                  prices_.Current(),
                  admission.params,
                  admission.query,
                  zones_,
                  alert_targets_,
                  actor,
                  admission.user ? &*admission.user : nullptr,
                  &price_control_};
  if (admission.route == Route::kSessionLogin) {
    return HandleLogin(call, login_throttle_);
  }
  if (admission.route == Route::kSetupStatus) {
    return HandleSetupStatus(call);
  }
  if (admission.route == Route::kSetupComplete) {
    return HandleSetupComplete(call);
  }
  if (admission.route == Route::kHealth || (!admission.key && !admission.user)) {
    // Only health and the open routes above are admitted without a key or a session (Admit).
    return HandleHealth(store_);
  }
  switch (admission.route) {
    case Route::kUsageBatch:
      return HandleUsageBatch(call, limits_.max_batch_events);
    case Route::kPreflight:
      return HandlePreflight(call, limits_.preflight_hold_ttl_ms);
    case Route::kUsageRecord:
      return HandleUsageRecord(call);
    case Route::kUsersUpsert:
      return HandleUserUpsert(call);
    case Route::kProjectsUpsert:
      return HandleProjectUpsert(call);
    case Route::kBudgetLeases:
      return HandleBudgetLeases(call, limits_.budget_lease_ttl_ms);
    case Route::kAdminBudgetList:
      return HandleAdminBudgetList(call);
    case Route::kAdminBudgetCreate:
      return HandleAdminBudgetCreate(call);
    case Route::kAdminBudgetGet:
      return HandleAdminBudgetGet(call);
    case Route::kAdminBudgetPatch:
      return HandleAdminBudgetPatch(call);
    case Route::kAdminBudgetDelete:
      return HandleAdminBudgetDelete(call);
    case Route::kAdminAudit:
      return HandleAdminAudit(call);
    case Route::kAlertLog:
      return HandleAlertLog(call);
    case Route::kAnalyticsSummary:
      return HandleAnalyticsSummary(call);
    case Route::kAnalyticsTimeseries:
      return HandleAnalyticsTimeseries(call);
    case Route::kAnalyticsBreakdown:
      return HandleAnalyticsBreakdown(call);
    case Route::kAnalyticsPivot:
      return HandleAnalyticsPivot(call);
    case Route::kAnalyticsEvents:
      return HandleAnalyticsEvents(call);
    case Route::kAnalyticsExport:
      return HandleAnalyticsExport(call);
    case Route::kAnalyticsForecast:
      return HandleAnalyticsForecast(call);
    case Route::kSessionGet:
      return HandleSessionGet(call);
    case Route::kSessionLogout:
      return HandleLogout(call);
    case Route::kAccountList:
      return HandleAccountList(call);
    case Route::kAccountCreate:
      return HandleAccountCreate(call);
    case Route::kAccountPatch:
      return HandleAccountPatch(call);
    case Route::kAccountDelete:
      return HandleAccountDelete(call);
    case Route::kKeyList:
      return HandleKeyList(call);
    case Route::kKeyCreate:
      return HandleKeyCreate(call);
    case Route::kKeyRevoke:
      return HandleKeyRevoke(call);
    case Route::kOrgWorkspaceList:
      return HandleWorkspaceList(call);
    case Route::kOrgWorkspaceCreate:
      return HandleWorkspaceCreate(call);
    case Route::kOrgWorkspacePatch:
      return HandleWorkspacePatch(call);
    case Route::kOrgWorkspaceDelete:
      return HandleWorkspaceDelete(call);
    case Route::kOrgTeamList:
      return HandleTeamList(call);
    case Route::kOrgTeamCreate:
      return HandleTeamCreate(call);
    case Route::kOrgTeamPatch:
      return HandleTeamPatch(call);
    case Route::kOrgTeamDelete:
      return HandleTeamDelete(call);
    case Route::kOrgProjectList:
      return HandleProjectList(call);
    case Route::kOrgProjectAssign:
      return HandleProjectAssign(call);
    case Route::kOrgProjectPatch:
      return HandleProjectPatch(call);
    case Route::kOrgUserList:
      return HandleUserList(call);
    case Route::kOrgUserAssign:
      return HandleUserAssign(call);
    case Route::kOrgUserPatch:
      return HandleUserPatch(call);
    case Route::kPriceList:
      return HandlePriceList(call);
    case Route::kPriceStatus:
      return HandlePriceStatus(call);
    case Route::kPriceUnpriced:
      return HandlePriceUnpriced(call);
    case Route::kPriceImport:
      return HandlePriceImport(call);
    case Route::kPriceOverrideList:
      return HandlePriceOverrideList(call);
    case Route::kPriceOverrideCreate:
      return HandlePriceOverrideCreate(call);
    case Route::kPriceOverrideDelete:
      return HandlePriceOverrideDelete(call);
    case Route::kPriceGet:
      return HandlePriceGet(call);
    case Route::kSessionLogin:
    case Route::kSetupStatus:
    case Route::kSetupComplete:
    case Route::kHealth:
    case Route::kStaticFile:
      break;
  }
  return HandleHealth(store_);
}

ApiResponse Api::Handle(const ApiRequest& request) {
  std::variant<Admission, ApiResponse> admitted =
      Admit({request.method, request.path, request.api_key, request.now_unix_ms,
             request.authorization, request.cookie, request.csrf_token});
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
