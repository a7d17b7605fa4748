// Writing the small JSON documents the API answers with. Parsing is simdjson's (json_read.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pricing/money.h"

namespace costgate::central {

// Appends `s` as a quoted JSON string, escaping quotes, backslashes and control characters.
// `s` must be valid UTF-8: every string the API writes is its own literal or comes from a body
// simdjson has validated.
void AppendJsonString(std::string& out, std::string_view s);

// Appends `"name":`.
void AppendJsonKey(std::string& out, std::string_view name);

void AppendJsonInt(std::string& out, int64_t value);

// An exact amount of USD as a JSON number: the pico amount in decimal, at most 12 decimals,
// without trailing zeros ("0.00303375", "0.1234", "0"). No floating point on the way.
std::string UsdNumber(pricing::Money amount);

}  // namespace costgate::central
