#include "central/api/json_out.h"

#include <charconv>

namespace costgate::central {

void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0x0F]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
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

std::string UsdNumber(pricing::Money amount) {
  // 12 decimals is exact for pico-USD; the zeros it pads with carry no information.
  std::string text = pricing::FormatUsd(amount, 12);
  while (text.back() == '0') {
    text.pop_back();
  }
  if (text.back() == '.') {
    text.pop_back();
  }
  return text;
}

}  // namespace costgate::central
