#include "base/sha256.h"

#include <openssl/evp.h>

#include <algorithm>

namespace costgate::base {

std::string Sha256Hex(std::string_view content, size_t digits) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(content.data(), content.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size && out.size() < digits; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xf]);
  }
  out.resize(std::min(out.size(), digits));
  return out;
}

}  // namespace costgate::base
