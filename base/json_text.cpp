#include "base/json_text.h"

#include <charconv>

namespace costgate::base {
namespace {

bool IsCont(unsigned char c) { return (c & 0xc0) == 0x80; }

// Length of the valid UTF-8 sequence starting at s[i], or 0 (RFC 3629 table 3-7).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const size_t left = s.size() - i;
  const unsigned char c = b(0);
  if (c >= 0xc2 && c <= 0xdf) {
    return left >= 2 && IsCont(b(1)) ? 2 : 0;
  }
  if (c >= 0xe0 && c <= 0xef) {
    if (left < 3 || !IsCont(b(1)) || !IsCont(b(2))) {
      return 0;
    }
    if ((c == 0xe0 && b(1) < 0xa0) || (c == 0xed && b(1) > 0x9f)) {
      return 0;  // overlong, or a UTF-16 surrogate
    }
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (left < 4 || !IsCont(b(1)) || !IsCont(b(2)) || !IsCont(b(3))) {
      return 0;
    }
    if ((c == 0xf0 && b(1) < 0x90) || (c == 0xf4 && b(1) > 0x8f)) {
      return 0;  // overlong, or beyond U+10FFFF
    }
    return 4;
  }
  return 0;
}

bool IsPlain(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

void AppendEscapedAscii(std::string& out, unsigned char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      const char esc[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
      out.append(esc, sizeof(esc));
    }
  }
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && IsPlain(static_cast<unsigned char>(s[run]))) {
      ++run;
    }
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size()) {
      break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      AppendEscapedAscii(out, c);
      ++i;
    } else if (const size_t n = Utf8SequenceLength(s, i); n > 0) {
      out.append(s.data() + i, n);
      i += n;
    } else {
      out += "\\ufffd";
      ++i;
    }
  }
  out += '"';
}

void AppendJsonKey(std::string& out, std::string_view name) {
  AppendJsonString(out, name);
  out.push_back(':');
}

void AppendJsonInt(std::string& out, int64_t value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  (void)ec;  // 24 bytes hold any int64_t
  out.append(buffer, end);
}

}  // namespace costgate::base
