// The canonical status name (google.rpc.Code vocabulary) for each HTTP status costgate emits.
//
// Both the generic error shape and Google-shaped errors use it, so a client sees the same name
// whichever shape it gets.
#pragma once

#include <string_view>

namespace costgate::filters {

// "INVALID_ARGUMENT" for 400, "UNAVAILABLE" for 502/503, ...; see rpc_status.cpp for the table
// and the choices it makes for statuses google.rpc does not map (413, 431);
// "UNKNOWN" for any status not in the table.
std::string_view RpcStatusName(int http_status) noexcept;

}  // namespace costgate::filters
