// The API's route table: which method and path pattern names which route, the key scope it
// needs and whether it reads or writes the store.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "central/api/router.h"
#include "central/store/store.h"

namespace costgate::central {

enum class Route {
  kHealth,
  kUsageBatch,
  kPreflight,
  kUsageRecord,
  kUsersUpsert,
  kProjectsUpsert,
  kBudgetLeases,
  kAdminBudgetList,
  kAdminBudgetCreate,
  kAdminBudgetGet,
  kAdminBudgetPatch,
  kAdminBudgetDelete,
  kAdminAudit,
  kAlertLog,
  // Analytics (analytics_*.cpp): reads of the rollups and, for drill-down, the events.
  kAnalyticsSummary,
  kAnalyticsTimeseries,
  kAnalyticsBreakdown,
  kAnalyticsPivot,
  kAnalyticsEvents,
  kAnalyticsExport,
  kAnalyticsForecast,
  kSessionLogin,
  kSessionGet,
  kSessionLogout,
  kSetupStatus,
  kSetupComplete,
  kAccountList,
  kAccountCreate,
  kAccountPatch,
  kAccountDelete,
  kKeyList,
  kKeyCreate,
  kKeyRevoke,
  // The org (admin_org.cpp, admin_mirrored.cpp, org_assign.cpp): workspaces, teams, mirrored
  // projects and users.
  kOrgWorkspaceList,
  kOrgWorkspaceCreate,
  kOrgWorkspacePatch,
  kOrgWorkspaceDelete,
  kOrgTeamList,
  kOrgTeamCreate,
  kOrgTeamPatch,
  kOrgTeamDelete,
  kOrgProjectList,
  kOrgProjectAssign,
  kOrgProjectPatch,
  kOrgUserList,
  kOrgUserAssign,
  kOrgUserPatch,
  // The price book (admin_prices.cpp, admin_price_changes.cpp).
  kPriceList,
  kPriceStatus,
  kPriceUnpriced,
  kPriceImport,
  kPriceOverrideList,
  kPriceOverrideCreate,
  kPriceOverrideDelete,
  kPriceGet,
  kStaticFile,  // central.static_dir: not in the table, served where no route claims the path
};

// Which thread may answer a route. The store has one writer (ARCHITECTURE.md: one connection
// per database file per process); a read may run on a read-only connection instead, so the
// caller can give reads a pool while writes stay on the writer thread.
enum class RouteKind {
  kRead,     // reads the store at most
  kWrite,    // writes the store: the writer thread only
  kNoStore,  // touches no store (static files): the caller's own thread
};

struct RouteSpec {
  Route route;
  std::string_view pattern;    // after any prefix: "/v1/health", "/admin/v1/budgets/{id}"
  std::string_view method;     // "GET" (HEAD too), "POST", "PATCH", "DELETE"
  std::optional<Scope> scope;  // the key scope it needs; nullopt: no key needed
  RouteKind kind;
  // A browser session of any role may change it (logout); otherwise a viewer only reads.
  bool any_role = false;
};

// Every route of the table, in lookup order: for tests that must cover each route there is.
std::span<const RouteSpec> AllRoutes();

// True for a route a browser session may call instead of a key (session_auth.h): every
// /admin/v1 route that needs the admin scope. The open ones (sign-in, setup) need neither.
bool AcceptsSession(const RouteSpec& spec);

struct RouteLookup {
  using Outcome = RouterMatch::Outcome;
  Outcome outcome = Outcome::kNotFound;
  const RouteSpec* spec = nullptr;  // kFound, kBadEscape
  std::string_view pattern;         // kFound, kWrongMethod, kBadEscape
  PathParams params;                // kFound: decoded captures
  std::string allow;                // kWrongMethod: the Allow field
  std::string bad_param;            // kBadEscape: the capture holding a malformed escape
};

// The route `method` on `target` names. A query string is ignored. A path that matches no
// pattern whole is tried again from its first "/v1/": integrations put the /v1 API under a
// base path of their own ("https://HOST/cost-tracker/v1/health").
RouteLookup FindRoute(std::string_view method, std::string_view target);

// True for a path in the API's namespace (it holds "/v1/"): such a path is never a static file,
// so an unknown API path stays a JSON 404.
bool IsApiPath(std::string_view path);

}  // namespace costgate::central
