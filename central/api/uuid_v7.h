// UUIDv7 (RFC 9562) ids that central makes: preflight request ids and the event ids of
// /v1/usage/record. Canonical 36-character lowercase text.
//
// Layout: 48-bit big-endian unix milliseconds | version 7 | 12 random bits | variant 0b10 |
// 62 random bits.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace costgate::central {

// Pure: the id of `unix_ms` with the given random bytes (only the bits the layout has room for
// are used: 12 of the first two bytes, 62 of the last eight).
std::string FormatUuidV7(int64_t unix_ms, const std::array<uint8_t, 10>& random);

// A fresh id at `now_unix_ms`, its random bits from getrandom(2).
std::string NewUuidV7(int64_t now_unix_ms);

}  // namespace costgate::central
