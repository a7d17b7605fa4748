// A complete error response in costgate's generic shape (filters/local_reply.h: no provider),
// for what the server core refuses before a request reaches a role.
#pragma once

#include <string>
#include <string_view>

namespace costgate::daemon::http {

// Head and JSON body; x-costgate-reason: `reason`; Connection: close when `close`; Retry-After
// when `retry_after` is not empty.
std::string GenericErrorResponse(int status, std::string_view reason, std::string_view message,
                                 bool close, std::string_view retry_after);

}  // namespace costgate::daemon::http
