#include "daemon/metrics/text_format.h"

#include <charconv>
#include <cmath>

namespace costgate::daemon::metrics {
namespace {

template <typename T>
void AppendChars(std::string& out, T value) {
  char digits[32];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, result.ptr);
}

}  // namespace

void AppendEscapedHelp(std::string& out, std::string_view help) {
  for (char c : help) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void AppendEscapedLabelValue(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void AppendDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
  } else if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    // Whole numbers as integers: shortest round-trip would print 400000 as "4e+05".
    AppendChars(out, static_cast<int64_t>(value));
  } else {
    AppendChars(out, value);
  }
}

void AppendInt(std::string& out, int64_t value) { AppendChars(out, value); }

void AppendUint(std::string& out, uint64_t value) { AppendChars(out, value); }

}  // namespace costgate::daemon::metrics
