#include "base/text_rule.h"

namespace costgate::base {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool IsContinuation(unsigned char byte) noexcept { return (byte & 0xC0U) == 0x80U; }

// The length of the well-formed UTF-8 sequence at text[pos] (Unicode 15, table 3-7), with its
// code point in `code_point`; 0 when the bytes there are not one.
size_t DecodeAt(std::string_view text, size_t pos, uint32_t& code_point) noexcept {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80U) {
    code_point = lead;
    return 1;
  }
  size_t length = 0;
  // The second byte's range narrows for some leads: it is what excludes overlong forms (E0, F0),
  // surrogates (ED) and code points past U+10FFFF (F4).
  unsigned char low = 0x80U;
  unsigned char high = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
    code_point = lead & 0x1FU;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    code_point = lead & 0x0FU;
    low = lead == 0xE0U ? 0xA0U : 0x80U;
    high = lead == 0xEDU ? 0x9FU : 0xBFU;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    code_point = lead & 0x07U;
    low = lead == 0xF0U ? 0x90U : 0x80U;
    high = lead == 0xF4U ? 0x8FU : 0xBFU;
  } else {
    return 0;
  }
  if (text.size() - pos < length) {
    return 0;
  }
  const unsigned char second = byte(1);
  if (second < low || second > high) {
    return 0;
  }
  code_point = (code_point << 6) | (second & 0x3FU);
  for (size_t i = 2; i < length; ++i) {
    if (!IsContinuation(byte(i))) {
      return 0;
    }
    code_point = (code_point << 6) | (byte(i) & 0x3FU);
  }
  return length;
}

bool IsControl(uint32_t code_point) noexcept {
  return code_point < 0x20U || (code_point >= 0x7FU && code_point <= 0x9FU);
}

}  // namespace

TextProblem CheckText(std::string_view text, size_t max_bytes) noexcept {
  if (text.size() > max_bytes) {
    return TextProblem::kTooLong;
  }
  for (size_t pos = 0; pos < text.size();) {
    uint32_t code_point = 0;
    const size_t length = DecodeAt(text, pos, code_point);
    if (length == 0) {
      return TextProblem::kInvalidUtf8;
    }
    if (IsControl(code_point)) {
      return TextProblem::kControlCharacter;
    }
    pos += length;
  }
  return TextProblem::kNone;
}

std::string TextProblemReason(TextProblem problem, size_t max_bytes) {
  switch (problem) {
    case TextProblem::kNone:
      return {};
    case TextProblem::kTooLong:
      return "must be at most " + std::to_string(max_bytes) + " bytes";
    case TextProblem::kInvalidUtf8:
      return "must be valid UTF-8";
    case TextProblem::kControlCharacter:
      return "must not contain control characters";
  }
  return "must be valid text";
}

std::string BoundText(std::string_view text, size_t max_bytes) {
  std::string out;
  out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
  for (size_t pos = 0; pos < text.size();) {
    uint32_t code_point = 0;
    const size_t length = DecodeAt(text, pos, code_point);
    // An invalid sequence is skipped one byte at a time (each byte its own U+FFFD): the next
    // lead byte then starts a sequence of its own, as CheckText will read it.
    const bool bad = length == 0 || IsControl(code_point);
    const std::string_view piece = bad ? kReplacement : text.substr(pos, length);
    if (piece.size() > max_bytes - out.size()) {
      break;
    }
    out.append(piece);
    pos += length == 0 ? 1 : length;
  }
  return out;
}

}  // namespace costgate::base
