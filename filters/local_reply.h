// Error replies costgate makes itself, in the shape the client's SDK expects.
//
// Used by request filters that answer (Next::kAnswered) and by the daemon for its own failures
// (413, 431, 502, 504, ...). Every such reply carries a stable snake_case reason code, which is
// also the x-costgate-reason header, the log field, the metric label and the receipt reason.
#pragma once

#include <string>
#include <string_view>

#include "filters/exchange.h"

namespace costgate::filters {

// Fills x.reply: status, reason, a JSON body in x.provider's error shape (provider_errors.h; the
// generic shape when the request is unrouted or the provider has none), and the headers
// content-type: application/json and x-costgate-reason: <reason>. Replaces whatever x.reply held.
void SetErrorReply(Exchange& x, int status, std::string_view reason, std::string_view message);

// The generic shape: {"error":{"code":404,"status":"NOT_FOUND","message":"...","reason":"..."}}.
// `extra_members` is inserted verbatim after "reason" (e.g. `"routes":[...]`); it must be valid
// JSON object members.
std::string GenericErrorBody(int status, std::string_view reason, std::string_view message,
                             std::string_view extra_members = {});

}  // namespace costgate::filters
