// HMAC-SHA256 (RFC 2104) as lowercase hex: how central signs the webhooks it sends, so a
// receiver holding the shared secret can tell them from forgeries.
#pragma once

#include <string>
#include <string_view>

namespace costgate::base {

// Lowercase hex (64 digits) of HMAC-SHA256(key, message).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace costgate::base
