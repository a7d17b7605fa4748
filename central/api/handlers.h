// The API's handlers, one per route (routes.h). Api::Handle has routed the request, checked its
// method and, for every route with a scope, authenticated its key.
#pragma once

#include <cstdint>

#include "central/api/api.h"
#include "central/api/price_control.h"
#include "central/budgets/spend_increments.h"
#include "central/store/store.h"
#include "pricing/price_book.h"

namespace costgate::central {

// An admitted request and what its handler may use.
struct Call {
  const ApiRequest& request;
  const ApiKeyRecord& key;
  Store& store;
  const pricing::PriceBook& book;  // central's prices, for this request
  const PathParams& params;        // the route pattern's captures, decoded
  const Query& query;              // the query string's parameters, decoded
  budgets::ZoneCache& zones;       // the budgets' time zones: the Api's own (one Api per thread)
  std::span<const DeliveryTarget> alert_targets = {};  // where alerts go (alerts/targets.h)
  // Who asks, as the audit log names them: "user:<username>" for a session, "key:<key id>" for
  // a key, "" on the open routes.
  std::string_view actor = {};
  const SessionUser* user = nullptr;  // the signed-in person; null for a key
  PriceControl* prices = nullptr;     // the book's sources and reload (price_control.h)
};

// Stores `events` (Store::InsertEvents) and, in the same transaction, adds each newly stored
// event's cost to the counters of the budgets covering it (central/budgets/spend_increments.h);
// then checks the alerts of the budgets whose counters moved (central/alerts/check.h).
StoreResult<std::vector<InsertResult>> InsertCounted(const Call& call,
                                                     std::span<const Event> events);

ApiResponse HandleHealth(Store& store);
// docs/usage-batch.md: per-event results; 413 over `max_batch_events` events.
ApiResponse HandleUsageBatch(const Call& call, uint32_t max_batch_events);
// Reserves the call's estimate against the hard budgets covering it for `hold_ttl_ms` (at most).
ApiResponse HandlePreflight(const Call& call, int64_t hold_ttl_ms);
ApiResponse HandleUsageRecord(const Call& call);
ApiResponse HandleUserUpsert(const Call& call);
ApiResponse HandleProjectUpsert(const Call& call);
// A proxy's lease sync; its leases live `lease_ttl_ms` from now.
ApiResponse HandleBudgetLeases(const Call& call, int64_t lease_ttl_ms);

// /admin/v1 (admin_budgets.cpp, admin_audit.cpp): budgets and the audit log of their changes.
ApiResponse HandleAdminBudgetList(const Call& call);
ApiResponse HandleAdminBudgetCreate(const Call& call);  // 201 with the budget and its spend
ApiResponse HandleAdminBudgetGet(const Call& call);     // params "id": an id or a name
ApiResponse HandleAdminBudgetPatch(const Call& call);
ApiResponse HandleAdminBudgetDelete(const Call& call);
ApiResponse HandleAdminAudit(const Call& call);  // query limit (1..500, 50), before (an id)

// GET /admin/v1/alerts: the alert log (alerts_handler.cpp).
ApiResponse HandleAlertLog(const Call& call);

// GET /admin/v1/analytics/* (analytics_*.cpp; the query parameters: analytics_request.h).
ApiResponse HandleAnalyticsSummary(const Call& call);
ApiResponse HandleAnalyticsTimeseries(const Call& call);
ApiResponse HandleAnalyticsBreakdown(const Call& call);
ApiResponse HandleAnalyticsPivot(const Call& call);
ApiResponse HandleAnalyticsEvents(const Call& call);
// The events, a breakdown or FOCUS rows as CSV or JSON Lines, streamed (analytics_export.cpp).
ApiResponse HandleAnalyticsExport(const Call& call);
// The month-end forecast of the month holding `to` (analytics_forecast.cpp).
ApiResponse HandleAnalyticsForecast(const Call& call);
// People signing in (auth_handlers.cpp; session_auth.h says how sessions work).
// POST /admin/v1/session: 200 + Set-Cookie; 401 invalid_credentials; 429 + Retry-After.
ApiResponse HandleLogin(const Call& call, LoginThrottle& throttle);
ApiResponse HandleSessionGet(const Call& call);     // 200, or 401 for a key
ApiResponse HandleLogout(const Call& call);         // 204 + a clearing Set-Cookie
ApiResponse HandleSetupStatus(const Call& call);    // {"needed":bool}
ApiResponse HandleSetupComplete(const Call& call);  // 201 like a sign-in; 403; 409

// /admin/v1/accounts (admin_accounts.cpp) and /admin/v1/keys (admin_keys.cpp), each change
// audited.
ApiResponse HandleAccountList(const Call& call);
ApiResponse HandleAccountCreate(const Call& call);
ApiResponse HandleAccountPatch(const Call& call);
ApiResponse HandleAccountDelete(const Call& call);
ApiResponse HandleKeyList(const Call& call);
ApiResponse HandleKeyCreate(const Call& call);
ApiResponse HandleKeyRevoke(const Call& call);

// The org (admin_org.cpp: workspaces and teams; admin_mirrored.cpp: the projects and users
// mirrored from events; org_assign.cpp: their bulk assignment). Each change audited; org.h says
// what assignment means for analytics.
ApiResponse HandleWorkspaceList(const Call& call);
ApiResponse HandleWorkspaceCreate(const Call& call);
ApiResponse HandleWorkspacePatch(const Call& call);
ApiResponse HandleWorkspaceDelete(const Call& call);
ApiResponse HandleTeamList(const Call& call);
ApiResponse HandleTeamCreate(const Call& call);
ApiResponse HandleTeamPatch(const Call& call);
ApiResponse HandleTeamDelete(const Call& call);
ApiResponse HandleProjectList(const Call& call);
ApiResponse HandleProjectAssign(const Call& call);
ApiResponse HandleProjectPatch(const Call& call);
ApiResponse HandleUserList(const Call& call);
ApiResponse HandleUserAssign(const Call& call);
ApiResponse HandleUserPatch(const Call& call);
// /admin/v1/prices: the book in force (?at, ?provider, ?q), a key's timeline, the book's status,
// models with unpriced calls (admin_prices.cpp); overrides and LiteLLM imports, each reloading
// the book and audited (admin_price_changes.cpp).
ApiResponse HandlePriceList(const Call& call);
ApiResponse HandlePriceGet(const Call& call);
ApiResponse HandlePriceStatus(const Call& call);
ApiResponse HandlePriceUnpriced(const Call& call);
ApiResponse HandlePriceImport(const Call& call);
ApiResponse HandlePriceOverrideList(const Call& call);
ApiResponse HandlePriceOverrideCreate(const Call& call);
ApiResponse HandlePriceOverrideDelete(const Call& call);

}  // namespace costgate::central
