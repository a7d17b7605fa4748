// UUIDv7 (RFC 9562): time-ordered 128-bit ids, written as the canonical 36-char lowercase string:
// the proxy's event ids and central's request and event ids.
//
// Layout: 48-bit big-endian unix milliseconds | version 7 | 12-bit rand_a | variant 0b10 |
// 62-bit rand_b. The generator uses rand_a as a counter (RFC 9562 section 6.2, method 1) so
// that ids from one generator sort in creation order even within one millisecond.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::base {

inline constexpr size_t kUuidLength = 36;

// Pure formatter. Only the low 48 bits of unix_ms, 12 bits of rand_a and 62 bits of rand_b are
// used; version and variant bits are set here.
std::string FormatUuidV7(int64_t unix_ms, uint16_t rand_a, uint64_t rand_b);

// The unix milliseconds of a canonical UUIDv7 string; nullopt when `id` is not one.
std::optional<int64_t> UuidV7UnixMs(std::string_view id);

// Makes ids for one thread (not thread-safe: give each thread its own). The daemon's workers
// each own one, so the event ids of one worker sort in the order its requests started.
class UuidV7Generator {
 public:
  // Deterministic stream from a seed (tests); an all-zero seed is replaced by a fixed constant.
  explicit UuidV7Generator(const std::array<uint64_t, 4>& seed);
  // Seeded from getrandom(2).
  static UuidV7Generator FromOsEntropy();

  // The next id at wall time `unix_ms`. Strictly greater than every id this generator made
  // before: a clock that steps back is ignored, and when the 12-bit counter runs out within one
  // millisecond the timestamp is advanced by one (RFC 9562 6.2).
  std::string Next(int64_t unix_ms);

 private:
  uint64_t NextRandom() noexcept;  // xoshiro256**

  std::array<uint64_t, 4> state_;
  int64_t last_ms_ = -1;
  uint16_t counter_ = 0;
};

// A fresh id at `unix_ms`, its random bits from getrandom(2) (central's preflight request ids
// and the event ids of /v1/usage/record). Unique, not ordered: two ids of one millisecond compare
// in random order. Stamps `unix_ms` as given, whatever ids were made before.
std::string NewUuidV7(int64_t unix_ms);

}  // namespace costgate::base
