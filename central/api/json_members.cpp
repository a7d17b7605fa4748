#include "central/api/json_members.h"

#include "central/api/json_out.h"

namespace costgate::central {

void JsonMemberName(std::string& out, std::string_view name) {
  if (!out.empty() && out.back() != '{' && out.back() != '[') {
    out += ',';
  }
  AppendJsonKey(out, name);
}

void JsonMember(std::string& out, std::string_view name, std::string_view text) {
  JsonMemberName(out, name);
  AppendJsonString(out, text);
}

void JsonMember(std::string& out, std::string_view name, int64_t value) {
  JsonMemberName(out, name);
  AppendJsonInt(out, value);
}

void JsonMember(std::string& out, std::string_view name, const std::optional<int64_t>& value) {
  JsonMemberName(out, name);
  if (value) {
    AppendJsonInt(out, *value);
  } else {
    out += "null";
  }
}

void JsonUsdMember(std::string& out, std::string_view name,
                   const std::optional<pricing::Money>& amount) {
  JsonMemberName(out, name);
  out += amount ? UsdNumber(*amount) : "null";
}

void JsonMoneyMembers(std::string& out, std::string_view name,
                      const std::optional<pricing::Money>& amount) {
  JsonUsdMember(out, std::string(name) + "_usd", amount);
  JsonMember(out, std::string(name) + "_pico_usd",
             amount ? std::optional<int64_t>(amount->pico()) : std::nullopt);
}

void JsonBoolMember(std::string& out, std::string_view name, bool value) {
  JsonMemberName(out, name);
  out += value ? "true" : "false";
}

}  // namespace costgate::central
