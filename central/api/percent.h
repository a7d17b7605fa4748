// Percent-decoding of request-target pieces (RFC 3986 2.1).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace costgate::central {

enum class PlusIs { kPlus, kSpace };

// `text` with every "%XX" replaced by its byte; with PlusIs::kSpace, "+" becomes a space
// (application/x-www-form-urlencoded query values). nullopt when a "%" is not followed by two
// hex digits. Decoded bytes are not checked (a "%00" gives a NUL): the user of the value
// decides what it accepts.
std::optional<std::string> PercentDecode(std::string_view text, PlusIs plus = PlusIs::kPlus);

}  // namespace costgate::central
