#include "filters/gemini/json_walker.h"

#include <algorithm>

#include "filters/utf8.h"

namespace costgate::filters::gemini {
namespace {

// Never equal to a real key: stands for a key too long to keep.
constexpr std::string_view kUnmatchableKey = "\x01";

bool IsWhitespace(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool StartsScalar(char c) noexcept {
  return (c >= '0' && c <= '9') || c == '-' || c == 't' || c == 'f' || c == 'n';
}

bool EndsScalar(char c) noexcept { return c == ',' || c == '}' || c == ']' || IsWhitespace(c); }

}  // namespace

bool PathIs(JsonPath path, std::initializer_list<std::string_view> pattern) noexcept {
  return std::equal(path.begin(), path.end(), pattern.begin(), pattern.end());
}

void JsonWalker::Feed(std::string_view bytes) noexcept {
  for (const char c : bytes) {
    if (malformed_) {
      return;
    }
    if (in_string_) {
      StringByte(c);
    } else {
      Byte(c);
    }
  }
}

void JsonWalker::Finish() noexcept {
  if (malformed_) {
    return;
  }
  if (in_scalar_) {
    EndScalar();
  }
  if (in_string_ || depth_ > 0) {
    Fail();
  }
}

JsonPath JsonWalker::Path() noexcept {
  const size_t n = std::min(depth_, kMaxDepth);
  for (size_t i = 0; i < n; ++i) {
    const Frame& frame = frames_[i];
    if (frame.is_array) {
      path_[i] = kArrayElement;
    } else if (frame.key_too_long) {
      path_[i] = kUnmatchableKey;
    } else {
      path_[i] = std::string_view(frame.key.data(), frame.key_length);
    }
  }
  return JsonPath(path_.data(), n);
}

void JsonWalker::Byte(char c) noexcept {
  if (in_scalar_) {
    if (!EndsScalar(c)) {
      if (scalar_length_ < kMaxScalarBytes) {
        scalar_[scalar_length_++] = c;
      }
      return;
    }
    EndScalar();
  }
  if (IsWhitespace(c)) {
    return;
  }
  if (done_) {
    Fail();  // bytes after the document
    return;
  }
  const bool top_is_array = depth_ > 0 && array_bits_[depth_ - 1];
  switch (expect_) {
    case Expect::kValue:
      if (c == '{' || c == '[') {
        Open(c == '[');
      } else if (c == '"') {
        in_string_ = true;
        string_is_key_ = false;
        characters_ = 0;
      } else if (c == ']' && top_is_array) {
        Close(true);  // an empty array
      } else if (StartsScalar(c)) {
        in_scalar_ = true;
        scalar_length_ = 1;
        scalar_[0] = c;
      } else {
        Fail();
      }
      return;
    case Expect::kKey:
      if (c == '"') {
        in_string_ = true;
        string_is_key_ = true;
        if (depth_ <= kMaxDepth) {
          frames_[depth_ - 1].key_length = 0;
          frames_[depth_ - 1].key_too_long = false;
        }
      } else if (c == '}') {
        Close(false);
      } else {
        Fail();
      }
      return;
    case Expect::kColon:
      if (c == ':') {
        expect_ = Expect::kValue;
      } else {
        Fail();
      }
      return;
    case Expect::kCommaOrClose:
      if (c == ',' && depth_ > 0) {
        expect_ = top_is_array ? Expect::kValue : Expect::kKey;
      } else if (c == '}' || c == ']') {
        Close(c == ']');
      } else {
        Fail();
      }
      return;
  }
}

void JsonWalker::StringByte(char c) noexcept {
  if (escape_) {
    escape_ = false;
    unicode_digits_ = c == 'u' ? 4 : 0;
    return;
  }
  if (unicode_digits_ > 0) {
    --unicode_digits_;
    return;
  }
  if (c == '"') {
    EndString();
    return;
  }
  if (string_is_key_) {
    if (depth_ <= kMaxDepth) {
      Frame& frame = frames_[depth_ - 1];
      if (frame.key_length < kMaxKeyBytes) {
        frame.key[frame.key_length++] = c;
      } else {
        frame.key_too_long = true;
      }
    }
    if (c == '\\') {
      escape_ = true;
    }
    return;
  }
  if (c == '\\') {
    escape_ = true;
    ++characters_;  // the whole escape sequence is one character
    return;
  }
  if (StartsCodePoint(c)) {
    ++characters_;
  }
}

void JsonWalker::EndString() noexcept {
  in_string_ = false;
  if (string_is_key_) {
    expect_ = Expect::kColon;
    return;
  }
  if (depth_ <= kMaxDepth) {
    consumer_.OnString(Path(), characters_);
  }
  AfterValue();
}

void JsonWalker::EndScalar() noexcept {
  in_scalar_ = false;
  if (depth_ <= kMaxDepth) {
    consumer_.OnScalar(Path(), std::string_view(scalar_.data(), scalar_length_));
  }
  AfterValue();
}

void JsonWalker::Open(bool is_array) noexcept {
  if (depth_ == kMaxNesting) {
    Fail();
    return;
  }
  if (depth_ <= kMaxDepth) {
    consumer_.OnOpen(Path(), is_array);
  }
  if (depth_ < kMaxDepth) {
    frames_[depth_] = Frame{};
    frames_[depth_].is_array = is_array;
  }
  array_bits_[depth_] = is_array;
  ++depth_;
  expect_ = is_array ? Expect::kValue : Expect::kKey;
}

void JsonWalker::Close(bool is_array) noexcept {
  if (depth_ == 0 || array_bits_[depth_ - 1] != is_array) {
    Fail();
    return;
  }
  --depth_;
  if (depth_ <= kMaxDepth) {
    consumer_.OnClose(Path(), is_array);
  }
  AfterValue();
}

void JsonWalker::AfterValue() noexcept {
  expect_ = Expect::kCommaOrClose;
  done_ = depth_ == 0;
}

}  // namespace costgate::filters::gemini
