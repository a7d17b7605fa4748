// API keys of central: made once, shown once, stored only as a hash (ARCHITECTURE.md Central).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "central/store/store.h"

namespace costgate::central {

inline constexpr std::string_view kKeyPrefix = "ct_live_";

struct NewKey {
  std::string secret;   // "ct_live_" + 40 base62 characters from the OS CSPRNG; shown once
  ApiKeyRecord record;  // id, hash, prefix filled; the caller sets the rest
};

// Makes a fresh key (getrandom(2)); `record.created_unix_ms` = now.
NewKey GenerateKey(int64_t now_unix_ms);

// SHA-256 hex of the secret as given: what FindKeyByHash looks up.
std::string HashKey(std::string_view secret);

// "preflight,record,upsert,ship" (any subset, any order, no spaces) -> bit set; nullopt and the
// offending name in `bad` for an unknown scope. "all" = every scope.
std::optional<uint8_t> ParseScopes(std::string_view text, std::string* bad = nullptr);
// Comma-separated names in the order above.
std::string FormatScopes(uint8_t scopes);
bool HasScope(uint8_t scopes, Scope scope) noexcept;

}  // namespace costgate::central
