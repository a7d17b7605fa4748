#include "central/keys/api_key.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <system_error>

#include "base/sha256.h"

namespace costgate::central {
namespace {

constexpr size_t kSecretChars = 40;  // 40 base62 characters: about 238 bits
constexpr size_t kPrefixChars = 12;  // "ct_live_" and 4 random characters: enough to recognise
constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

struct ScopeName {
  Scope scope;
  std::string_view name;
};
constexpr std::array<ScopeName, 4> kScopeNames = {{
    {Scope::kPreflight, "preflight"},
    {Scope::kRecord, "record"},
    {Scope::kUpsert, "upsert"},
    {Scope::kShip, "ship"},
}};
constexpr uint8_t kAllScopes = 0x0f;

// The OS CSPRNG. getrandom(2) without flags blocks only until the pool is first seeded and
// returns at most 256 bytes without a short read; EINTR is the one failure to retry. Any other
// failure means the kernel cannot give randomness, and a key must never be made without it.
void FillRandom(uint8_t* out, size_t size) {
  size_t filled = 0;
  while (filled < size) {
    const ssize_t n = getrandom(out + filled, size - filled, 0);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw std::system_error(errno, std::generic_category(), "getrandom");
    }
    filled += static_cast<size_t>(n);
  }
}

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

std::string RandomHex(size_t bytes_count) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::array<uint8_t, 32> bytes{};
  FillRandom(bytes.data(), bytes_count);
  std::string out;
  for (size_t i = 0; i < bytes_count; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace

NewKey GenerateKey(int64_t now_unix_ms) {
  NewKey key;
  key.secret = std::string(kKeyPrefix) + RandomBase62(kSecretChars);
  key.record.id = "key_" + RandomHex(6);
  key.record.hash = HashKey(key.secret);
  key.record.prefix = key.secret.substr(0, kPrefixChars);
  key.record.created_unix_ms = now_unix_ms;
  return key;
}

std::string HashKey(std::string_view secret) { return base::Sha256Hex(secret); }

std::optional<uint8_t> ParseScopes(std::string_view text, std::string* bad) {
  if (text == "all") {
    return kAllScopes;
  }
  uint8_t scopes = 0;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string_view name = text.substr(start, comma - start);
    bool known = false;
    for (const ScopeName& s : kScopeNames) {
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

std::string FormatScopes(uint8_t scopes) {
  std::string out;
  for (const ScopeName& s : kScopeNames) {
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
