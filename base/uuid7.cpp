#include "base/uuid7.h"

#include <sys/random.h>

#include <atomic>
#include <cerrno>
#include <chrono>

#include "base/hex.h"

namespace costgate::base {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr uint64_t kMs48 = (uint64_t{1} << 48) - 1;
constexpr uint16_t kCounterMax = 0x0fff;
// A new millisecond starts the counter in its lower half so at least 2048 ids fit before the
// counter would overflow (RFC 9562 6.2 "counter rollover guard").
constexpr uint16_t kCounterSeedMask = 0x07ff;

void PutHex(char* out, uint64_t value, int digits) {
  for (int i = digits - 1; i >= 0; --i) {
    out[i] = kHex[value & 0xf];
    value >>= 4;
  }
}

// The canonical text form is lowercase (RFC 9562 4), so only lowercase digits count.
int LowerHexValue(char c) { return c >= 'A' && c <= 'F' ? -1 : HexValue(c); }

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

// Fills `size` bytes from getrandom(2); false when it fails, which on Linux >= 3.17 it cannot
// except for EINTR (retried). Callers then fall back to something unique rather than abort.
bool FillFromOs(void* out, size_t size) {
  auto* bytes = static_cast<char*>(out);
  size_t got = 0;
  while (got < size) {
    const ssize_t n = getrandom(bytes + got, size - got, 0);
    if (n > 0) {
      got += static_cast<size_t>(n);
    } else if (errno != EINTR) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string FormatUuidV7(int64_t unix_ms, uint16_t rand_a, uint64_t rand_b) {
  const uint64_t ms = static_cast<uint64_t>(unix_ms) & kMs48;
  const uint64_t ver_rand_a = 0x7000 | (rand_a & kCounterMax);
  const uint64_t var_rand_b = (rand_b & ((uint64_t{1} << 62) - 1)) | (uint64_t{1} << 63);
  std::string out(kUuidLength, '-');
  PutHex(&out[0], ms >> 16, 8);
  PutHex(&out[9], ms & 0xffff, 4);
  PutHex(&out[14], ver_rand_a, 4);
  PutHex(&out[19], var_rand_b >> 48, 4);
  PutHex(&out[24], var_rand_b & ((uint64_t{1} << 48) - 1), 12);
  return out;
}

std::optional<int64_t> UuidV7UnixMs(std::string_view id) {
  if (id.size() != kUuidLength) {
    return std::nullopt;
  }
  uint64_t ms = 0;
  for (size_t i = 0; i < kUuidLength; ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (id[i] == '-')) {
      return std::nullopt;
    }
    if (dash) {
      continue;
    }
    const int v = LowerHexValue(id[i]);
    if (v < 0) {
      return std::nullopt;
    }
    if (i < 13) {
      ms = (ms << 4) | static_cast<uint64_t>(v);
    }
  }
  const int variant = LowerHexValue(id[19]);
  if (id[14] != '7' || (variant & 0xc) != 0x8) {
    return std::nullopt;
  }
  return static_cast<int64_t>(ms);
}

UuidV7Generator::UuidV7Generator(const std::array<uint64_t, 4>& seed) : state_(seed) {
  if (state_ == std::array<uint64_t, 4>{}) {
    // xoshiro's one forbidden state.
    state_ = {0x9e3779b97f4a7c15, 0xbf58476d1ce4e5b9, 0x94d049bb133111eb, 0x2545f4914f6cdd1d};
  }
}

UuidV7Generator UuidV7Generator::FromOsEntropy() {
  std::array<uint64_t, 4> seed{};
  if (!FillFromOs(seed.data(), sizeof(seed))) {
    seed[0] ^= static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
  return UuidV7Generator(seed);
}

uint64_t UuidV7Generator::NextRandom() noexcept {
  const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
  const uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = Rotl(state_[3], 45);
  return result;
}

std::string UuidV7Generator::Next(int64_t unix_ms) {
  const uint64_t random = NextRandom();
  if (unix_ms > last_ms_) {
    last_ms_ = unix_ms;
    counter_ = static_cast<uint16_t>(random >> 53) & kCounterSeedMask;
  } else if (counter_ < kCounterMax) {
    ++counter_;
  } else {
    ++last_ms_;
    counter_ = static_cast<uint16_t>(random >> 53) & kCounterSeedMask;
  }
  return FormatUuidV7(last_ms_, counter_, NextRandom());
}

std::string NewUuidV7(int64_t unix_ms) {
  std::array<uint64_t, 2> random{};  // FormatUuidV7 keeps 12 bits of the first, 62 of the second
  if (!FillFromOs(random.data(), sizeof(random))) {
    // An id is unique, not secret: a process-wide counter keeps ids of one millisecond apart.
    static std::atomic<uint64_t> fallback{0};
    random[1] ^= fallback.fetch_add(1, std::memory_order_relaxed);
  }
  return FormatUuidV7(unix_ms, static_cast<uint16_t>(random[0]), random[1]);
}

}  // namespace costgate::base
