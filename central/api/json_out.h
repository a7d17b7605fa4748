// Writing the small JSON documents the API answers with. Parsing is simdjson's (json_read.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/json_text.h"
#include "pricing/money.h"

namespace costgate::central {

// The one set of JSON writers (escaping, invalid UTF-8 replaced), shared by every layer.
using base::AppendJsonInt;
using base::AppendJsonKey;
using base::AppendJsonString;

// An exact amount of USD as a JSON number: the pico amount in decimal, at most 12 decimals,
// without trailing zeros ("0.00303375", "0.1234", "0"). No floating point on the way.
std::string UsdNumber(pricing::Money amount);

}  // namespace costgate::central
