// The values kept for one JSON unit: one bounded buffer per chosen key.
//
// Part of JsonFieldExtractor: it finds where a chosen key's value starts and ends; this keeps
// the bytes, drops a value that outgrows the limit (flagging it oversized), and hands out views.
// Buffers keep their capacity between units, so a stream allocates only while warming up.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace costgate::filters::stream {

struct JsonCapture {
  std::string_view raw;    // the value's exact bytes; empty when the key was absent or oversized
  bool oversized = false;  // the value exceeded the byte limit and was dropped
};

class JsonCaptures {
 public:
  static constexpr size_t kMaxKeys = 4;

  // Keeps the first kMaxKeys keys; their characters must outlive this object.
  JsonCaptures(std::span<const std::string_view> keys, size_t max_bytes) noexcept;

  // The slot of `key`, or -1 when it is not chosen.
  int Match(std::string_view key) const noexcept;
  // A value for `slot` begins; it replaces any earlier one in this unit (a repeated key).
  void Start(int slot) noexcept;
  void Append(int slot, std::string_view bytes) noexcept;
  // The value for `slot` is complete.
  void End(int slot) noexcept;
  // One entry per key, valid until the next change.
  std::span<const JsonCapture> View() noexcept;
  // Forgets every value (the unit ended or was dropped).
  void Clear() noexcept;

  // Largest total capacity the buffers reached.
  size_t HighWater() const noexcept { return high_water_; }

 private:
  const size_t max_bytes_;
  size_t count_ = 0;
  std::array<std::string_view, kMaxKeys> keys_{};
  std::array<std::string, kMaxKeys> buffers_{};
  std::array<bool, kMaxKeys> complete_{};
  std::array<bool, kMaxKeys> oversized_{};
  std::array<JsonCapture, kMaxKeys> view_{};
  size_t high_water_ = 0;
};

}  // namespace costgate::filters::stream
