#include "central/api/routes.h"

#include <array>

namespace costgate::central {
namespace {

// Usage and upserts store rows, preflight and lease syncs reserve budget (kWrite: a check and
// its reservation in one write transaction); health pings the store (kRead). Admission of a
// keyed route may still write the key's last_used_at (key_auth.h). The admin API reads budgets
// on the read pool and changes them on the writer, where a change and its seeding cannot
// interleave with an ingest (budget_admin.h).
//
// People sign in and set up without a key or session (scope nullopt): POST /admin/v1/session and
// both setup routes. Sign-in and setup write (a session, an account) and so run on the writer,
// which also keeps the login throttle in one place (api.h).
constexpr std::array<RouteSpec, 55> kRoutes = {{
    {Route::kHealth, "/v1/health", "GET", std::nullopt, RouteKind::kRead},
    {Route::kUsageBatch, "/v1/usage/batch", "POST", Scope::kShip, RouteKind::kWrite},
    {Route::kPreflight, "/v1/preflight", "POST", Scope::kPreflight, RouteKind::kWrite},
    {Route::kUsageRecord, "/v1/usage/record", "POST", Scope::kRecord, RouteKind::kWrite},
    {Route::kUsersUpsert, "/v1/users/upsert", "POST", Scope::kUpsert, RouteKind::kWrite},
    {Route::kProjectsUpsert, "/v1/projects/upsert", "POST", Scope::kUpsert, RouteKind::kWrite},
    {Route::kBudgetLeases, "/v1/budget/leases", "POST", Scope::kShip, RouteKind::kWrite},
    {Route::kAdminBudgetList, "/admin/v1/budgets", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kAdminBudgetCreate, "/admin/v1/budgets", "POST", Scope::kAdmin, RouteKind::kWrite},
    {Route::kAdminBudgetGet, "/admin/v1/budgets/{id}", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kAdminBudgetPatch, "/admin/v1/budgets/{id}", "PATCH", Scope::kAdmin, RouteKind::kWrite},
    {Route::kAdminBudgetDelete, "/admin/v1/budgets/{id}", "DELETE", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kAdminAudit, "/admin/v1/audit", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kAlertLog, "/admin/v1/alerts", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kAnalyticsSummary, "/admin/v1/analytics/summary", "GET", Scope::kAdmin,
     RouteKind::kRead},
    {Route::kAnalyticsTimeseries, "/admin/v1/analytics/timeseries", "GET", Scope::kAdmin,
     RouteKind::kRead},
    {Route::kAnalyticsBreakdown, "/admin/v1/analytics/breakdown", "GET", Scope::kAdmin,
     RouteKind::kRead},
    {Route::kAnalyticsPivot, "/admin/v1/analytics/pivot", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kAnalyticsEvents, "/admin/v1/analytics/events", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kAnalyticsExport, "/admin/v1/analytics/export", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kAnalyticsForecast, "/admin/v1/analytics/forecast", "GET", Scope::kAdmin,
     RouteKind::kRead},
    {Route::kSessionLogin, "/admin/v1/session", "POST", std::nullopt, RouteKind::kWrite},
    {Route::kSessionGet, "/admin/v1/session", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kSessionLogout, "/admin/v1/session", "DELETE", Scope::kAdmin, RouteKind::kWrite, true},
    {Route::kSetupStatus, "/admin/v1/setup", "GET", std::nullopt, RouteKind::kRead},
    {Route::kSetupComplete, "/admin/v1/setup", "POST", std::nullopt, RouteKind::kWrite},
    {Route::kAccountList, "/admin/v1/accounts", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kAccountCreate, "/admin/v1/accounts", "POST", Scope::kAdmin, RouteKind::kWrite},
    {Route::kAccountPatch, "/admin/v1/accounts/{username}", "PATCH", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kAccountDelete, "/admin/v1/accounts/{username}", "DELETE", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kKeyList, "/admin/v1/keys", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kKeyCreate, "/admin/v1/keys", "POST", Scope::kAdmin, RouteKind::kWrite},
    {Route::kKeyRevoke, "/admin/v1/keys/{id}", "DELETE", Scope::kAdmin, RouteKind::kWrite},
    {Route::kOrgWorkspaceList, "/admin/v1/workspaces", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kOrgWorkspaceCreate, "/admin/v1/workspaces", "POST", Scope::kAdmin, RouteKind::kWrite},
    {Route::kOrgWorkspacePatch, "/admin/v1/workspaces/{id}", "PATCH", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kOrgWorkspaceDelete, "/admin/v1/workspaces/{id}", "DELETE", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kOrgTeamList, "/admin/v1/teams", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kOrgTeamCreate, "/admin/v1/teams", "POST", Scope::kAdmin, RouteKind::kWrite},
    {Route::kOrgTeamPatch, "/admin/v1/teams/{id}", "PATCH", Scope::kAdmin, RouteKind::kWrite},
    {Route::kOrgTeamDelete, "/admin/v1/teams/{id}", "DELETE", Scope::kAdmin, RouteKind::kWrite},
    {Route::kOrgProjectList, "/admin/v1/projects", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kOrgProjectAssign, "/admin/v1/projects/assign", "POST", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kOrgProjectPatch, "/admin/v1/projects/{source_app}/{external_id}", "PATCH",
     Scope::kAdmin, RouteKind::kWrite},
    {Route::kOrgUserList, "/admin/v1/users", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kOrgUserAssign, "/admin/v1/users/assign", "POST", Scope::kAdmin, RouteKind::kWrite},
    {Route::kOrgUserPatch, "/admin/v1/users/{source_app}/{external_id}", "PATCH", Scope::kAdmin,
     RouteKind::kWrite},
    // The price book (admin_prices.cpp, admin_price_changes.cpp). Status and the overrides
    // list read the writer's pricing settings (PriceControl, set on the writer's Api only), so
    // they answer there; the literal paths come before the {key...} that would take them.
    {Route::kPriceList, "/admin/v1/prices", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kPriceStatus, "/admin/v1/prices/status", "GET", Scope::kAdmin, RouteKind::kWrite},
    {Route::kPriceUnpriced, "/admin/v1/prices/unpriced", "GET", Scope::kAdmin, RouteKind::kRead},
    {Route::kPriceImport, "/admin/v1/prices/import", "POST", Scope::kAdmin, RouteKind::kWrite},
    {Route::kPriceOverrideList, "/admin/v1/prices/overrides", "GET", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kPriceOverrideCreate, "/admin/v1/prices/overrides", "POST", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kPriceOverrideDelete, "/admin/v1/prices/overrides/{key...}", "DELETE", Scope::kAdmin,
     RouteKind::kWrite},
    {Route::kPriceGet, "/admin/v1/prices/{key...}", "GET", Scope::kAdmin, RouteKind::kRead},
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

std::span<const RouteSpec> AllRoutes() { return kRoutes; }

bool AcceptsSession(const RouteSpec& spec) {
  return spec.scope == Scope::kAdmin && spec.pattern.starts_with("/admin/v1/");
}

bool IsApiPath(std::string_view path) { return path.find("/v1/") != std::string_view::npos; }

}  // namespace costgate::central
