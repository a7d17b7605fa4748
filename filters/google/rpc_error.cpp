#include "filters/google/rpc_error.h"

#include "base/json_text.h"
#include "filters/rpc_status.h"

namespace costgate::filters::google {

using base::AppendJsonInt;
using base::AppendJsonString;
namespace {

// google.rpc.ErrorInfo.reason is UPPER_SNAKE_CASE; our codes are the same words in lower case.
std::string UpperReason(std::string_view reason) {
  std::string upper(reason);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 32);
    }
  }
  return upper;
}

}  // namespace

std::string ErrorBody(int http_status, std::string_view reason, std::string_view message) {
  std::string out = R"({"error":{"code":)";
  AppendJsonInt(out, http_status);
  out.append(R"(,"message":)");
  AppendJsonString(out, message);
  out.append(R"(,"status":)");
  AppendJsonString(out, RpcStatusName(http_status));
  out.append(R"(,"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":)");
  AppendJsonString(out, UpperReason(reason));
  out.append(R"(,"domain":"costgate"}]}})");
  return out;
}

}  // namespace costgate::filters::google
