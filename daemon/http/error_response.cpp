#include "daemon/http/error_response.h"

#include "daemon/http/serialize.h"
#include "filters/exchange.h"
#include "filters/local_reply.h"

namespace costgate::daemon::http {

std::string GenericErrorResponse(int status, std::string_view reason, std::string_view message,
                                 bool close, std::string_view retry_after) {
  filters::Exchange x;
  filters::SetErrorReply(x, status, reason, message);
  if (!retry_after.empty()) {
    x.reply.headers.Add("Retry-After", std::string(retry_after));
  }
  std::string out;
  AppendLocalReply(out, x.reply, close);
  return out;
}

}  // namespace costgate::daemon::http
