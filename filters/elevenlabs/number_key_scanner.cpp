#include "filters/elevenlabs/number_key_scanner.h"

#include <charconv>
#include <cmath>

namespace costgate::filters::elevenlabs {
namespace {

bool IsBlank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool IsNumberByte(char c) noexcept {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

}  // namespace

void NumberKeyScanner::Feed(std::string_view text) noexcept {
  for (const char c : text) {
    Step(c);
  }
}

void NumberKeyScanner::Finish() noexcept {
  if (state_ == State::kNumber) {
    EndNumber();
  }
  state_ = State::kOutside;
}

void NumberKeyScanner::Step(char c) noexcept {
  switch (state_) {
    case State::kOutside:
      if (c == '"') {
        state_ = State::kString;
        escape_ = false;
        candidate_ = true;
        string_length_ = 0;
      }
      return;
    case State::kString:
      if (escape_) {
        escape_ = false;
        candidate_ = false;
      } else if (c == '\\') {
        escape_ = true;
        candidate_ = false;
      } else if (c == '"') {
        state_ = candidate_ && string_length_ == key_.size() ? State::kAfterKey : State::kOutside;
      } else {
        candidate_ = candidate_ && string_length_ < key_.size() && key_[string_length_] == c;
        ++string_length_;
      }
      return;
    case State::kAfterKey:
      if (c == ':') {
        state_ = State::kBeforeValue;
      } else if (!IsBlank(c)) {
        state_ = State::kOutside;  // the string was a value, not a key
        Step(c);
      }
      return;
    case State::kBeforeValue:
      if (c == '-' || (c >= '0' && c <= '9')) {
        state_ = State::kNumber;
        number_[0] = c;
        number_length_ = 1;
        number_too_long_ = false;
      } else if (!IsBlank(c)) {
        state_ = State::kOutside;  // a string, object, ... value: its strings still count
        Step(c);
      }
      return;
    case State::kNumber:
      if (IsNumberByte(c)) {
        if (number_length_ < kMaxNumberBytes) {
          number_[number_length_++] = c;
        } else {
          number_too_long_ = true;
        }
        return;
      }
      EndNumber();
      state_ = State::kOutside;
      Step(c);
      return;
  }
}

void NumberKeyScanner::EndNumber() noexcept {
  if (number_too_long_) {
    return;
  }
  double value = 0;
  const auto [end, error] = std::from_chars(number_.data(), number_.data() + number_length_, value);
  if (error == std::errc() && end == number_.data() + number_length_ && std::isfinite(value) &&
      (!max_.has_value() || value > *max_)) {
    max_ = value;
  }
}

}  // namespace costgate::filters::elevenlabs
