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

// The scopes an app's or a proxy's key needs: "all" means these. Never kAdmin: a key that ships
// or records usage must not be able to change the budgets that usage counts against.
inline constexpr uint8_t kIngestScopes = 0x0f;

// "preflight,record,upsert,ship,admin" (any subset, any order, no spaces) -> bit set; nullopt
// and the offending name in `bad` for an unknown scope. "all" = kIngestScopes, also in a list
// ("all,admin": every scope).
std::optional<uint8_t> ParseScopes(std::string_view text, std::string* bad = nullptr);
// Comma-separated names in the order above.
std::string FormatScopes(uint8_t scopes);
// "preflight", "record", "upsert", "ship", "admin".
std::string_view ScopeName(Scope scope) noexcept;
bool HasScope(uint8_t scopes, Scope scope) noexcept;

}  // namespace costgate::central
