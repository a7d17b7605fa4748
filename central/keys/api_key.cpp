#include "central/keys/api_key.h"

#include <array>

#include "base/sha256.h"
#include "central/keys/random_id.h"

namespace costgate::central {
namespace {

constexpr size_t kSecretChars = 40;  // 40 base62 characters: about 238 bits
constexpr size_t kPrefixChars = 12;  // "ct_live_" and 4 random characters: enough to recognise
constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

struct NamedScope {
  Scope scope;
  std::string_view name;
};
constexpr std::array<NamedScope, 5> kScopeNames = {{
    {Scope::kPreflight, "preflight"},
    {Scope::kRecord, "record"},
    {Scope::kUpsert, "upsert"},
    {Scope::kShip, "ship"},
    {Scope::kAdmin, "admin"},
}};

// Base62 by rejection: bytes >= 248 (= 4 * 62) are dropped so every character is equally likely.
std::string RandomBase62(size_t length) {
  std::string out;
  out.reserve(length);
  std::array<uint8_t, 64> bytes{};
  while (out.size() < length) {
    FillRandom(bytes.data(), bytes.size());
    for (uint8_t byte : bytes) {
      if (byte < 248 && out.size() < length) {
        out += kBase62[byte % 62];
      }
    }
  }
  return out;
}

}  // namespace

NewKey GenerateKey(int64_t now_unix_ms) {
  NewKey key;
  key.secret = std::string(kKeyPrefix) + RandomBase62(kSecretChars);
  key.record.id = RandomId("key_");
  key.record.hash = HashKey(key.secret);
  key.record.prefix = key.secret.substr(0, kPrefixChars);
  key.record.created_unix_ms = now_unix_ms;
  return key;
}

std::string HashKey(std::string_view secret) { return base::Sha256Hex(secret); }

std::optional<uint8_t> ParseScopes(std::string_view text, std::string* bad) {
  uint8_t scopes = 0;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string_view name = text.substr(start, comma - start);
    bool known = name == "all";
    if (known) {
      scopes |= kIngestScopes;
    }
    for (const NamedScope& s : kScopeNames) {
      if (s.name == name) {
        scopes |= static_cast<uint8_t>(s.scope);
        known = true;
      }
    }
    if (!known) {
      if (bad != nullptr) {
        *bad = std::string(name);
      }
      return std::nullopt;
    }
    if (comma == std::string_view::npos) {
      return scopes;
    }
    start = comma + 1;
  }
}

std::string_view ScopeName(Scope scope) noexcept {
  for (const NamedScope& s : kScopeNames) {
    if (s.scope == scope) {
      return s.name;
    }
  }
  return "unknown";
}

std::string FormatScopes(uint8_t scopes) {
  std::string out;
  for (const NamedScope& s : kScopeNames) {
    if (HasScope(scopes, s.scope)) {
      if (!out.empty()) {
        out += ',';
      }
      out += s.name;
    }
  }
  return out;
}

bool HasScope(uint8_t scopes, Scope scope) noexcept {
  return (scopes & static_cast<uint8_t>(scope)) != 0;
}

}  // namespace costgate::central
