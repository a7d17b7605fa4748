#include "filters/local_reply.h"

#include "base/json_text.h"
#include "filters/provider_errors.h"
#include "filters/rpc_status.h"

namespace costgate::filters {

using base::AppendJsonInt;
using base::AppendJsonString;

std::string GenericErrorBody(int status, std::string_view reason, std::string_view message,
                             std::string_view extra_members) {
  std::string out = R"({"error":{"code":)";
  AppendJsonInt(out, status);
  out.append(R"(,"status":)");
  AppendJsonString(out, RpcStatusName(status));
  out.append(R"(,"message":)");
  AppendJsonString(out, message);
  out.append(R"(,"reason":)");
  AppendJsonString(out, reason);
  if (!extra_members.empty()) {
    out.push_back(',');
    out.append(extra_members);
  }
  out.append("}}");
  return out;
}

void SetErrorReply(Exchange& x, int status, std::string_view reason, std::string_view message) {
  x.reply.status = status;
  x.reply.reason = std::string(reason);
  const ErrorBodyFn provider_body = ProviderErrorBody(x.provider);
  x.reply.body = provider_body != nullptr ? provider_body(status, reason, message)
                                          : GenericErrorBody(status, reason, message);
  x.reply.headers.clear();
  x.reply.headers.Add("content-type", "application/json");
  x.reply.headers.Add("x-costgate-reason", std::string(reason));
}

}  // namespace costgate::filters
