#include "filters/elevenlabs/errors.h"

#include "base/json_text.h"

namespace costgate::filters::elevenlabs {

using base::AppendJsonInt;
using base::AppendJsonString;

std::string ErrorBody(int /*http_status*/, std::string_view reason, std::string_view message) {
  std::string out = R"({"detail":{"status":)";
  AppendJsonString(out, reason);
  out.append(R"(,"message":)");
  AppendJsonString(out, message);
  out.append("}}");
  return out;
}

}  // namespace costgate::filters::elevenlabs
