// The largest number given as the value of one key anywhere in a JSON text, found as the text
// streams past: a speech-to-text answer without audio_duration_secs still ends each word with
// an `end` time, so the largest is where the audio was last heard (PROVIDERS.md B3).
//
// A byte-at-a-time state machine that only tells strings from the rest: no buffering beyond one
// number's characters, any nesting depth, any split of the input. Not a validator: a number
// is read wherever `"key"` is followed by ':' and a number.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::filters::elevenlabs {

class NumberKeyScanner {
 public:
  static constexpr size_t kMaxNumberBytes = 32;  // a longer number is ignored

  // `key`'s characters must outlive the scanner; it is compared with the raw key bytes.
  explicit NumberKeyScanner(std::string_view key) noexcept : key_(key) {}

  void Feed(std::string_view text) noexcept;
  // The text ended (a number at the very end is complete).
  void Finish() noexcept;

  // The largest value seen; nullopt when none.
  std::optional<double> max() const noexcept { return max_; }

 private:
  enum class State : uint8_t { kOutside, kString, kAfterKey, kBeforeValue, kNumber };

  void Step(char c) noexcept;
  void EndNumber() noexcept;

  const std::string_view key_;
  State state_ = State::kOutside;
  bool escape_ = false;
  bool candidate_ = false;  // the string read so far is a prefix of key_
  size_t string_length_ = 0;
  std::array<char, kMaxNumberBytes> number_{};
  size_t number_length_ = 0;
  bool number_too_long_ = false;
  std::optional<double> max_;
};

}  // namespace costgate::filters::elevenlabs
