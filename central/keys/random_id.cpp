#include "central/keys/random_id.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <system_error>

namespace costgate::central {

// getrandom(2) without flags blocks only until the pool is first seeded and returns at most 256
// bytes without a short read; EINTR is the one failure to retry.
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

std::string RandomId(std::string_view prefix) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::array<uint8_t, 6> bytes{};
  FillRandom(bytes.data(), bytes.size());
  std::string out(prefix);
  for (const uint8_t byte : bytes) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0f];
  }
  return out;
}

}  // namespace costgate::central
