#include "central/api/uuid_v7.h"

#include <sys/random.h>

#include <atomic>
#include <cerrno>

namespace costgate::central {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void PutHex(char* out, uint64_t value, int digits) {
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = kHex[value & 0xf];
    value >>= 4;
  }
}

}  // namespace

std::string FormatUuidV7(int64_t unix_ms, const std::array<uint8_t, 10>& random) {
  const uint64_t ms = static_cast<uint64_t>(unix_ms) & ((uint64_t{1} << 48) - 1);
  const uint64_t rand_a = (uint64_t{random[0]} << 8 | random[1]) & 0x0fff;
  uint64_t rand_b = 0;
  for (size_t i = 2; i < random.size(); ++i) {
    rand_b = rand_b << 8 | random[i];
  }
  rand_b = (rand_b & ((uint64_t{1} << 62) - 1)) | (uint64_t{1} << 63);
  std::string out(36, '-');
  PutHex(&out[0], ms >> 16, 8);
  PutHex(&out[9], ms & 0xffff, 4);
  PutHex(&out[14], 0x7000 | rand_a, 4);
  PutHex(&out[19], rand_b >> 48, 4);
  PutHex(&out[24], rand_b & ((uint64_t{1} << 48) - 1), 12);
  return out;
}

std::string NewUuidV7(int64_t now_unix_ms) {
  std::array<uint8_t, 10> random{};
  size_t got = 0;
  while (got < random.size()) {
    const ssize_t n = getrandom(random.data() + got, random.size() - got, 0);
    if (n > 0) {
      got += static_cast<size_t>(n);
    } else if (errno != EINTR) {
      // getrandom cannot fail on Linux >= 3.17 except EINTR. Were it to, a process-wide
      // counter keeps ids of one millisecond apart; an id is unique, not secret.
      static std::atomic<uint64_t> fallback{0};
      uint64_t count = fallback.fetch_add(1, std::memory_order_relaxed);
      for (size_t i = random.size(); i-- > 2 && count != 0; count >>= 8) {
        random[i] ^= static_cast<uint8_t>(count);
      }
      break;
    }
  }
  return FormatUuidV7(now_unix_ms, random);
}

}  // namespace costgate::central
