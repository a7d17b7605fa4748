#include "daemon/log/json_text.h"

namespace costgate::daemon::log {
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

void Append2(std::string& out, int64_t v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
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

void AppendRfc3339Millis(std::string& out, int64_t unix_ms) {
  // Floor division so instants before 1970 still format (days_from_civil inverse, H. Hinnant).
  int64_t days = unix_ms / 86'400'000;
  int64_t ms_of_day = unix_ms % 86'400'000;
  if (ms_of_day < 0) {
    ms_of_day += 86'400'000;
    --days;
  }
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);

  const int64_t yyyy = year < 0 ? 0 : (year > 9999 ? 9999 : year);
  Append2(out, yyyy / 100);
  Append2(out, yyyy % 100);
  out += '-';
  Append2(out, month);
  out += '-';
  Append2(out, day);
  out += 'T';
  Append2(out, ms_of_day / 3'600'000);
  out += ':';
  Append2(out, ms_of_day / 60'000 % 60);
  out += ':';
  Append2(out, ms_of_day / 1000 % 60);
  out += '.';
  const int64_t millis = ms_of_day % 1000;
  out += static_cast<char>('0' + millis / 100);
  Append2(out, millis % 100);
  out += 'Z';
}

}  // namespace costgate::daemon::log
