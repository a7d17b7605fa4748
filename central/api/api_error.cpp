#include "central/api/api_error.h"

#include <string>

#include "central/api/json_out.h"

namespace costgate::central {

ApiResponse ErrorResponse(int status, std::string_view code, std::string_view message,
                          std::string_view field) {
  ApiResponse response;
  response.status = status;
  std::string& out = response.body;
  out.append(R"({"error":{)");
  AppendJsonKey(out, "code");
  AppendJsonString(out, code);
  out.push_back(',');
  AppendJsonKey(out, "message");
  AppendJsonString(out, message);
  if (!field.empty()) {
    out.push_back(',');
    AppendJsonKey(out, "field");
    AppendJsonString(out, field);
  }
  out.append("}}");
  return response;
}

ApiResponse NoSuchRoute() { return ErrorResponse(404, "not_found", "no such route"); }

ApiResponse InvalidJson(std::string_view detail) {
  return ErrorResponse(400, "invalid_json", "body is not valid JSON: " + std::string(detail));
}

ApiResponse InvalidField(std::string_view field, std::string_view reason) {
  std::string message(field.empty() ? "body" : field);
  message.push_back(' ');
  message.append(reason);
  return ErrorResponse(400, "invalid_request", message, field);
}

ApiResponse StoreUnavailable() {
  // The database's own message is not sent to clients: it can name files and tables.
  return ErrorResponse(503, "store_unavailable", "the store is failing; retry later");
}

}  // namespace costgate::central
