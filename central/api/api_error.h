// The API's error responses: {"error":{"code":"...","message":"...","field":"..."}}.
//
// `code` is a stable snake_case reason a client can branch on; `message` is for people;
// `field` names the offending JSON path when there is one ("events[3].units.input_tokens").
#pragma once

#include <string_view>

#include "central/api/api.h"

namespace costgate::central {

ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message,
                          std::string_view field = {});

// 404 "not_found": no route (and no static file) for the path.
ApiResponse NoSuchRoute();

// 400 "invalid_json": the body does not parse (`detail` says why).
ApiResponse InvalidJson(std::string_view detail);

// 400 "invalid_request": a field of the body is wrong; `field` "" is the body itself.
ApiResponse InvalidField(std::string_view field, std::string_view reason);

// 503: the store failed; the client retries (nothing of the request was kept).
ApiResponse StoreUnavailable();

}  // namespace costgate::central
