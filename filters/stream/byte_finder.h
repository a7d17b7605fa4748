// Finds the next of two delimiter bytes in one buffer, in linear time overall.
//
// Scanners call Next() repeatedly with increasing positions. Each byte's next position is found
// with memchr and cached until the scan passes it, so a buffer with many hits of one byte and
// none of the other costs one pass per byte value, not one pass per hit.
#pragma once

#include <cstring>

namespace costgate::filters::stream {

class ByteFinder {
 public:
  ByteFinder(const char* end, char a, char b) noexcept : end_(end), a_(a), b_(b) {}

  // First position in [from, end) holding `a` or `b`; `end` when there is none.
  const char* Next(const char* from) noexcept {
    if (next_a_ == nullptr || next_a_ < from) {
      next_a_ = Find(from, a_);
    }
    if (next_b_ == nullptr || next_b_ < from) {
      next_b_ = Find(from, b_);
    }
    return next_a_ < next_b_ ? next_a_ : next_b_;
  }

 private:
  const char* Find(const char* from, char c) const noexcept {
    const void* hit = std::memchr(from, c, static_cast<size_t>(end_ - from));
    return hit != nullptr ? static_cast<const char*>(hit) : end_;
  }

  const char* end_;
  char a_;
  char b_;
  const char* next_a_ = nullptr;  // cached; null until searched, stale once the scan passed it
  const char* next_b_ = nullptr;
};

}  // namespace costgate::filters::stream
