#include "filters/elevenlabs/errors.h"

#include "filters/json_text.h"

namespace costgate::filters::elevenlabs {

std::string ErrorBody(int /*http_status*/, std::string_view reason, std::string_view message) {
  std::string out = R"({"detail":{"status":)";
  AppendJsonString(out, reason);
  out.append(R"(,"message":)");
  AppendJsonString(out, message);
  out.append("}}");
  return out;
}

}  // namespace costgate::filters::elevenlabs
