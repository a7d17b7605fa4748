// Central's HTTP API as plain code: a request in, a JSON response out. The daemon's HTTP server
// (daemon/server) frames requests, decodes gzip bodies, and calls Admit and Handle on central's
// store thread; nothing here touches a socket or reads the clock (now_unix_ms comes in).
//
// A request is admitted from its head alone (Admit: route, method, key and scope), before any
// byte of its body is read: a caller without a valid key cannot make central hold a body.
//
// Routes (any path prefix before "/v1/" is accepted: "https://HOST/cost-tracker/v1/..."):
//   GET  /v1/health            {"status":"ok","db":"ok"}; 503 {"status":"error","db":"error"}
//   POST /v1/usage/batch       scope ship; docs/usage-batch.md
//   POST /v1/preflight         scope preflight; ../shared/V1-API.md
//   POST /v1/usage/record      scope record
//   POST /v1/users/upsert      scope upsert
//   POST /v1/projects/upsert   scope upsert
// Errors are JSON: {"error":{"code":"...","message":"...","field":"..."}} ("field" names the
// offending JSON path when there is one, e.g. "events[3].units.input_tokens").
//   401 missing, unknown or revoked key; 403 key lacks the scope, writes into another
//   workspace or speaks for another source_app; 400 malformed JSON / wrong type / unknown field /
//   negative units / text breaking base/text_rule.h / an estimate whose cost overflows; 404
//   unknown route; 405 wrong method; 413 batch over max_batch_events; 503 store failing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "central/api/routes.h"
#include "central/store/store.h"
#include "pricing/book_holder.h"

namespace costgate::central {

// What admission looks at: the request line and the key, no body.
struct ApiHead {
  std::string_view method;   // "GET", "POST"
  std::string_view path;     // request target; a query string is ignored
  std::string_view api_key;  // X-API-Key header value, "" when absent
  int64_t now_unix_ms = 0;
};

struct ApiRequest {
  std::string_view method;   // "GET", "POST"
  std::string_view path;     // request target; a query string is ignored
  std::string_view api_key;  // X-API-Key header value, "" when absent
  std::string_view body;     // already gzip-decoded
  int64_t now_unix_ms = 0;
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

// A request admitted from its head: the route it names and, for every route but health, the
// key that may call it (already checked for the route's scope).
struct Admission {
  Route route = Route::kHealth;
  std::optional<ApiKeyRecord> key;
};

// central.max_batch_events, max_body_bytes, max_buffered_body_bytes. The body limits are kept
// by the HTTP side (daemon/central_api), which reads and decodes bodies before Handle.
struct ApiLimits {
  uint32_t max_batch_events = 5'000;
  uint64_t max_body_bytes = 16 * 1024 * 1024;  // request body, after gzip decoding
  // Request bodies held in memory at once, over all requests (raw and decoded).
  uint64_t max_buffered_body_bytes = 64 * 1024 * 1024;
};

class Api {
 public:
  // `store` and `prices` must outlive the Api.
  Api(Store& store, pricing::PriceBookHolder& prices, ApiLimits limits);

  // Admits a request from its head: 404 for an unknown route, 405 for a wrong method; health
  // needs no key; every other route needs a key with its scope (401 missing, unknown or revoked,
  // 403 without the scope, 503 store failing). Touches the key's last_used_at (key_auth.h).
  std::variant<Admission, ApiResponse> Admit(const ApiHead& head);

  // Answers an admitted request (`admission` from Admit of this request's head): routes by the
  // admission and does not authenticate again. request.method, path and api_key are not read.
  ApiResponse Handle(const ApiRequest& request, const Admission& admission);

  // Admit, then Handle: for a caller that holds the whole request at once.
  ApiResponse Handle(const ApiRequest& request);

  const ApiLimits& limits() const { return limits_; }

  // True for a path this API serves (after any prefix): the server sends the rest elsewhere.
  static bool Serves(std::string_view path);

 private:
  Store& store_;
  pricing::PriceBookHolder& prices_;
  ApiLimits limits_;
};

}  // namespace costgate::central
