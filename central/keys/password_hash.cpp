#include "central/keys/password_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <vector>

#include "central/keys/random_id.h"

namespace costgate::central {
namespace {

constexpr size_t kSaltBytes = 16;
constexpr size_t kKeyBytes = 32;
// OpenSSL refuses scrypt past maxmem; 128 * r * N is what it needs (32 MiB for the default),
// and a stored hash may ask for up to N = 2^20, r = 16: allow that much and no more.
constexpr uint64_t kMaxMemBytes = uint64_t{2} * 1024 * 1024 * 1024 + 64 * 1024 * 1024;
constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::optional<std::string> FromBase64Url(std::string_view text) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    const size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos) {
      return std::nullopt;
    }
    bits = (bits << 6) | static_cast<uint32_t>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xff));
    }
  }
  return out;
}

std::optional<std::string> Scrypt(std::string_view password, std::string_view salt,
                                  const ScryptParams& params) {
  std::string key(kKeyBytes, '\0');
  if (EVP_PBE_scrypt(password.data(), password.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), params.n,
                     params.r, params.p, kMaxMemBytes, reinterpret_cast<unsigned char*>(key.data()),
                     key.size()) != 1) {
    return std::nullopt;
  }
  return key;
}

struct ParsedHash {
  ScryptParams params;
  std::string salt;
  std::string key;
};

std::optional<uint64_t> ParseNumber(std::string_view text) {
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<ParsedHash> ParseHash(std::string_view encoded) {
  std::array<std::string_view, 6> parts;
  for (size_t i = 0; i < parts.size(); ++i) {
    const size_t dollar = encoded.find('$');
    if ((dollar == std::string_view::npos) != (i + 1 == parts.size())) {
      return std::nullopt;
    }
    parts[i] = encoded.substr(0, dollar);
    encoded = dollar == std::string_view::npos ? "" : encoded.substr(dollar + 1);
  }
  if (parts[0] != "scrypt") {
    return std::nullopt;
  }
  const std::optional<uint64_t> n = ParseNumber(parts[1]);
  const std::optional<uint64_t> r = ParseNumber(parts[2]);
  const std::optional<uint64_t> p = ParseNumber(parts[3]);
  std::optional<std::string> salt = FromBase64Url(parts[4]);
  std::optional<std::string> key = FromBase64Url(parts[5]);
  // Bounds keep a damaged or hostile row from costing gigabytes or minutes per sign-in.
  if (!n || !r || !p || !salt || !key || *n < 2 || *n > (uint64_t{1} << 20) || (*n & (*n - 1)) ||
      *r == 0 || *r > 16 || *p == 0 || *p > 16 || key->size() != kKeyBytes || salt->empty()) {
    return std::nullopt;
  }
  return ParsedHash{{*n, *r, *p}, *std::move(salt), *std::move(key)};
}

// The hash an unknown account or a malformed row is checked against: the same work as a real
// account's, made once.
const std::string& DecoyHash() {
  static const std::string decoy = HashPassword("decoy password of no account");
  return decoy;
}

}  // namespace

std::string Base64Url(std::string_view bytes) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (unsigned char c : bytes) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(kAlphabet[(bits >> count) & 0x3f]);
    }
  }
  if (count > 0) {
    out.push_back(kAlphabet[(bits << (6 - count)) & 0x3f]);
  }
  return out;
}

std::string RandomToken(size_t bytes) {
  std::vector<uint8_t> raw(bytes);
  FillRandom(raw.data(), raw.size());
  return Base64Url(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
}

std::string HashPassword(std::string_view password, const ScryptParams& params) {
  std::array<uint8_t, kSaltBytes> salt_bytes{};
  FillRandom(salt_bytes.data(), salt_bytes.size());
  const std::string salt(reinterpret_cast<const char*>(salt_bytes.data()), salt_bytes.size());
  const std::optional<std::string> key = Scrypt(password, salt, params);
  if (!key) {
    throw std::runtime_error("scrypt failed (out of memory?)");
  }
  return "scrypt$" + std::to_string(params.n) + "$" + std::to_string(params.r) + "$" +
         std::to_string(params.p) + "$" + Base64Url(salt) + "$" + Base64Url(*key);
}

bool VerifyPassword(std::string_view password, std::string_view encoded) {
  std::optional<ParsedHash> parsed = ParseHash(encoded);
  const bool real = parsed.has_value();
  if (!real) {
    parsed = ParseHash(DecoyHash());
  }
  const std::optional<std::string> key = Scrypt(password, parsed->salt, parsed->params);
  return real && key && CRYPTO_memcmp(key->data(), parsed->key.data(), kKeyBytes) == 0;
}

}  // namespace costgate::central
