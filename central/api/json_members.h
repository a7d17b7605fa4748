// Writing a JSON object member by member, each call writing the comma before its member when one
// is needed (anything but the first after '{' or '['): for documents of many fields, such as the
// alert log, the webhook payload and the budgets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pricing/money.h"

namespace costgate::central {

// `"name":`, after a comma when needed; the caller writes the value.
void JsonMemberName(std::string& out, std::string_view name);
void JsonMember(std::string& out, std::string_view name, std::string_view text);
void JsonMember(std::string& out, std::string_view name, int64_t value);
// null when absent.
void JsonMember(std::string& out, std::string_view name, const std::optional<int64_t>& value);
// An exact USD number (json_out.h UsdNumber); null when absent.
void JsonUsdMember(std::string& out, std::string_view name,
                   const std::optional<pricing::Money>& amount);
// `name_usd` (exact USD number) and `name_pico_usd` (integer), both null when absent: how the
// admin API and the webhook write money.
void JsonMoneyMembers(std::string& out, std::string_view name,
                      const std::optional<pricing::Money>& amount);
void JsonBoolMember(std::string& out, std::string_view name, bool value);

}  // namespace costgate::central
