// Central's HTTP API as plain code: a request in, a response out. The daemon's HTTP server
// (daemon/server) frames requests, decodes gzip bodies, and calls Admit and Handle; nothing here
// touches a socket or reads the clock (now_unix_ms comes in).
//
// A request is admitted from its head alone (Admit: route, method, key and scope), before any
// byte of its body is read: a caller without a valid key cannot make central hold a body. The
// admission says which thread may answer it (RouteKind, routes.h).
//
// Routes (routes.cpp; any path prefix before "/v1/" is accepted:
// "https://HOST/cost-tracker/v1/..."):
//   GET  /v1/health            {"status":"ok","db":"ok"}; 503 {"status":"error","db":"error"}
//   POST /v1/usage/batch       scope ship; docs/usage-batch.md
//   POST /v1/preflight         scope preflight; ../shared/V1-API.md, extended: reserves the
//                              estimate against the hard budgets covering the call
//                              (preflight_handler.cpp)
//   POST /v1/usage/record      scope record
//   POST /v1/users/upsert      scope upsert
//   POST /v1/projects/upsert   scope upsert
//   POST /v1/budget/leases     scope ship; a proxy's budget leases (lease_handler.cpp)
//   GET, POST /admin/v1/budgets; GET, PATCH, DELETE /admin/v1/budgets/{id};
//   GET /admin/v1/audit        scope admin; budget_json.h (the key also as Authorization: Bearer)
//   GET  /admin/v1/alerts      scope admin; the alert log (alerts_handler.cpp): ?limit=1..200
//                              (50), ?before=<alert id> for the next page
//   GET  /admin/v1/analytics/{summary,timeseries,breakdown,pivot,events}
//                              scope admin; usage sums from the rollups, events for drill-down
//                              (analytics_request.h: from, to, tz, dimension filters)
//   GET  /admin/v1/analytics/export   the events, a breakdown or FOCUS rows as a CSV or JSON
//                              Lines file, streamed (analytics_export.cpp)
//   GET  /admin/v1/analytics/forecast the month-end forecast with its band and method
//                              (analytics_forecast.cpp)
//   POST, GET, DELETE /admin/v1/session; GET, POST /admin/v1/setup: people signing in
//                              (auth_handlers.cpp; session_auth.h)
//   GET, POST /admin/v1/accounts; PATCH, DELETE /admin/v1/accounts/{username}: people's
//                              accounts (admin_accounts.cpp)
//   GET, POST /admin/v1/keys; DELETE /admin/v1/keys/{id}: API keys (admin_keys.cpp)
//   GET /admin/v1/prices, /prices/{key...}, /prices/status, /prices/unpriced; GET, POST
//   /admin/v1/prices/overrides; DELETE /prices/overrides/{key...}; POST /prices/import: the
//   price book (admin_prices.cpp, admin_price_changes.cpp)
// Every /admin/v1 route with a scope also admits a browser session instead of a key
// (session_auth.h: cookie, role, CSRF).
//   GET  /...                  central.static_dir, where no route claims the path and the path
//                              holds no "/v1/" (static_files.h); no key
// A GET route answers HEAD too (the caller sends no body). The query string is parsed for every
// route (query.h) and handed to the handler with the path's captures.
// Errors are JSON: {"error":{"code":"...","message":"...","field":"..."}} ("field" names the
// offending JSON path when there is one, e.g. "events[3].units.input_tokens").
//   401 missing, unknown or revoked key; 403 key lacks the scope, writes into another
//   workspace or speaks for another source_app; 400 malformed JSON / wrong type / unknown field /
//   negative units / text breaking base/text_rule.h / an estimate whose cost overflows / a
//   malformed percent escape in the query ("field": the parameter) or a path capture / a
//   budget's field breaking its rule (budget_input.h); 404 unknown route or budget; 405 wrong
//   method (with Allow); 409 budget name taken; 413 batch over max_batch_events; 503 store
//   failing.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "central/api/body_stream.h"
#include "central/api/login_throttle.h"
#include "central/api/path_pattern.h"
#include "central/api/price_control.h"
#include "central/api/query.h"
#include "central/api/routes.h"
#include "central/api/session_user.h"
#include "central/budgets/spend_increments.h"
#include "central/store/store.h"
#include "pricing/book_holder.h"

namespace costgate::central {

// What admission looks at: the request line and the key, no body.
struct ApiHead {
  std::string_view method;   // "GET", "HEAD", "POST", "PATCH", "DELETE"
  std::string_view path;     // request target, query string included
  std::string_view api_key;  // X-API-Key header value, "" when absent
  int64_t now_unix_ms = 0;
  std::string_view authorization = {};  // Authorization header value, "" when absent
  std::string_view cookie = {};         // Cookie header value, "" when absent
  std::string_view csrf_token = {};     // X-CSRF-Token header value, "" when absent
};

struct ApiRequest {
  ApiRequest() = default;
  // The fields in order; a request without If-None-Match (the JSON routes) or Authorization
  // leaves them out.
  ApiRequest(std::string_view method_, std::string_view path_, std::string_view api_key_,
             std::string_view body_, int64_t now_unix_ms_, std::string_view if_none_match_ = {},
             std::string_view authorization_ = {})
      : method(method_),
        path(path_),
        api_key(api_key_),
        body(body_),
        now_unix_ms(now_unix_ms_),
        if_none_match(if_none_match_),
        authorization(authorization_) {}

  std::string_view method;   // "GET", "HEAD", "POST"
  std::string_view path;     // request target, query string included
  std::string_view api_key;  // X-API-Key header value, "" when absent
  std::string_view body;     // already gzip-decoded
  int64_t now_unix_ms = 0;
  std::string_view if_none_match;  // If-None-Match header value, "" when absent
  std::string_view authorization;  // Authorization header value, "" when absent
  // For people signing in (session_auth.h): the Cookie header, X-Forwarded-Proto (a reverse
  // proxy's "https" makes the cookie Secure) and the client's address (login rate limits).
  std::string_view cookie;
  std::string_view csrf_token;  // X-CSRF-Token
  std::string_view forwarded_proto;
  std::string_view client_address;
};

struct ApiHeader {
  std::string name;
  std::string value;
};

struct ApiResponse {
  int status = 200;
  std::string body;
  // "" sends no Content-Type (a 304).
  std::string content_type = "application/json";
  // Fields besides Content-Type and the framing: ETag, Cache-Control, Allow,
  // Content-Disposition. The caller writes them as they are.
  std::vector<ApiHeader> headers;
  // Set: the body is this stream's parts, sent chunked (`body` is empty); body_stream.h.
  std::shared_ptr<BodyStream> stream;
};

// A request admitted from its head: the route it names, the thread that may answer it, the
// path's captures and the query, and, for a route with a scope, the key that may call it
// (already checked for the route's scope), or the signed-in person (session_auth.h).
struct Admission {
  Route route = Route::kHealth;
  RouteKind kind = RouteKind::kRead;
  std::optional<ApiKeyRecord> key;
  std::optional<SessionUser> user;
  PathParams params;
  Query query;
};

// central.max_batch_events, max_body_bytes, max_buffered_body_bytes, budget_lease_ttl_ms,
// preflight_hold_ttl_ms. The body limits are kept by the HTTP side (daemon/central_api), which
// reads and decodes bodies before Handle.
struct ApiLimits {
  uint32_t max_batch_events = 5'000;
  uint64_t max_body_bytes = 16 * 1024 * 1024;  // request body, after gzip decoding
  // Request bodies held in memory at once, over all requests (raw and decoded).
  uint64_t max_buffered_body_bytes = 64 * 1024 * 1024;
  int64_t budget_lease_ttl_ms = 60'000;     // a proxy's lease lapses unless synced again
  int64_t preflight_hold_ttl_ms = 900'000;  // a /v1/preflight hold lapses unless its usage comes
};

class StaticFiles;

class Api {
 public:
  // `store`, `prices` and `static_files` (nullptr: central.static_dir off) must outlive the
  // Api.
  Api(Store& store, pricing::PriceBookHolder& prices, ApiLimits limits,
      const StaticFiles* static_files = nullptr);

  // Admits a request from its head: 404 for an unknown route, 405 with Allow for a wrong
  // method, 400 for a malformed escape in the query or a path capture; health, static files,
  // sign-in and setup need no key; every other route needs a key with its scope (401 missing,
  // unknown or revoked, 403 without the scope, 503 store failing), or, on a route that takes
  // sessions and with no key presented, a browser session (session_auth.h: 401
  // unauthenticated, 403 forbidden_role, csrf_token_missing, csrf_token_mismatch). Touches the
  // key's last_used_at (key_auth.h), so admission of a route with a scope writes the store; one
  // without reads nothing.
  std::variant<Admission, ApiResponse> Admit(const ApiHead& head);

  // True when Admit(head) does not touch the store (no route, a wrong method, a route without a
  // key: health, static files), so it may run on any thread, beside the store's writer.
  static bool AdmitsWithoutStore(const ApiHead& head);

  // Answers an admitted request (`admission` from Admit of this request's head): routes by the
  // admission and does not authenticate again. request.method, path and api_key are not read.
  // Safe to call from any thread for RouteKind::kNoStore; otherwise on the thread the kind
  // names.
  ApiResponse Handle(const ApiRequest& request, const Admission& admission);

  // Admit, then Handle: for a caller that holds the whole request at once.
  ApiResponse Handle(const ApiRequest& request);

  const ApiLimits& limits() const { return limits_; }

  // Where the budget alerts this API records go (central/alerts/targets.h); none by default (each
  // alert is still recorded in the alert log). Call on the thread that handles writes.
  void set_alert_targets(std::vector<DeliveryTarget> targets) {
    alert_targets_ = std::move(targets);
  }

  // The price book's sources, reload and refresh status for the /admin/v1/prices routes that
  // change the book (PriceControl::Configure). Call on the thread that handles writes.
  PriceControl& price_control() { return price_control_; }

  // True for a path this API serves (after any prefix): the server sends the rest elsewhere.
  static bool Serves(std::string_view path);

 private:
  Store& store_;
  pricing::PriceBookHolder& prices_;
  ApiLimits limits_;
  const StaticFiles* static_files_;
  budgets::ZoneCache zones_;  // the budgets' time zones, for counting spend on ingest
  std::vector<DeliveryTarget> alert_targets_;
  // Failed sign-ins (POST /admin/v1/session is a write: answered by the writer's Api only).
  LoginThrottle login_throttle_;
  PriceControl price_control_{prices_};
};

}  // namespace costgate::central
