// One provider's routes, written as data. The route table is built from a list of these
// (builtin_routes.cpp) and the configured upstreams; nothing else decides where a request goes.
#pragma once

#include <string_view>
#include <vector>

#include "filters/http_message.h"
#include "filters/operation.h"

namespace costgate::filters {

struct ProviderRoutes {
  // Provider name, also the name of its upstream in config: no upstream, no routes.
  std::string_view provider;
  // Serves `prefix` and `prefix` + "/..."; the prefix is stripped before forwarding ("/gemini").
  std::string_view prefix;
  // Paths served at the listener root, unchanged: each matches itself or itself followed by '/'
  // or ':'. For SDKs that cannot take a path prefix in their base URL.
  std::vector<std::string_view> bare_paths;
  // When several providers serve the same bare path, each claimant's `claims` looks at the
  // request and the one claimant saying yes gets it. `claim_hint` tells a client which request
  // headers make `claims` true, for the ambiguous-route reply.
  bool (*claims)(const RequestHead& request) noexcept = nullptr;
  std::string_view claim_hint;
  // Operation, model and metering of a target after the prefix is stripped.
  Operation (*classify)(std::string_view method, std::string_view path,
                        std::string_view query) = nullptr;
};

}  // namespace costgate::filters
