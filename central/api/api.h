// Central's HTTP API as plain code: a request in, a JSON response out. The daemon's HTTP server
// (daemon/server) frames requests, decodes gzip bodies, and calls Handle on central's store
// thread; nothing here touches a socket or reads the clock (now_unix_ms comes in).
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
//   401 missing, unknown or revoked key; 403 key lacks the scope or writes into another
//   workspace; 400 malformed JSON / wrong type / unknown field / negative units; 404 unknown
//   route; 405 wrong method; 413 batch over max_batch_events; 503 store failing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "central/store/store.h"
#include "pricing/book_holder.h"

namespace costgate::central {

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

struct ApiLimits {
  uint32_t max_batch_events = 5'000;
};

class Api {
 public:
  // `store` and `prices` must outlive the Api.
  Api(Store& store, pricing::PriceBookHolder& prices, ApiLimits limits);

  ApiResponse Handle(const ApiRequest& request);

  // True for a path this API serves (after any prefix): the server sends the rest elsewhere.
  static bool Serves(std::string_view path);

 private:
  Store& store_;
  pricing::PriceBookHolder& prices_;
  ApiLimits limits_;
};

}  // namespace costgate::central
