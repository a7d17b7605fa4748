// Dates and times as price data and the CLI write them, read without a time zone database.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace costgate::pricing {

// "YYYY-MM-DD" (UTC midnight) or RFC 3339 "YYYY-MM-DDTHH:MM:SS[.f{1,3}](Z|+HH:MM|-HH:MM)" ->
// unix milliseconds. nullopt for anything else (an impossible date, finer than a millisecond).
std::optional<int64_t> ParseTimestampMs(std::string_view text);

}  // namespace costgate::pricing
