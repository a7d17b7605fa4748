// Passwords of people's accounts, kept only as a memory-hard hash (OpenSSL's scrypt), and the
// random tokens of their browser sessions.
//
// A hash is self-describing: "scrypt$N$r$p$<salt>$<key>" (salt and key base64url without
// padding), so the parameters can be raised later and old hashes still verify.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace costgate::central {

struct ScryptParams {
  uint64_t n = uint64_t{1} << 15;  // 32 MiB of memory with r = 8: about 50-100 ms a hash
  uint64_t r = 8;
  uint64_t p = 1;
};

// The hash of `password` with a fresh random 16-byte salt. Throws std::runtime_error when
// OpenSSL fails (out of memory): no account is made without a hash.
std::string HashPassword(std::string_view password, const ScryptParams& params = {});

// True when `password` hashes to `encoded` (compared in constant time). False for a malformed
// `encoded` or one whose parameters are out of bounds (N over 2^20, r or p over 16), after
// spending about the time of a real check, so that a caller cannot tell an unknown account from a
// wrong password by the time taken (pass "" as `encoded` for an unknown account).
bool VerifyPassword(std::string_view password, std::string_view encoded);

// `bytes` random bytes (getrandom(2)) as base64url without padding: session and CSRF tokens,
// setup tokens, generated passwords.
std::string RandomToken(size_t bytes = 32);

// Base64url without padding.
std::string Base64Url(std::string_view bytes);

}  // namespace costgate::central
