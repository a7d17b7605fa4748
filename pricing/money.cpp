#include "pricing/money.h"

#include <charconv>
#include <limits>

namespace costgate::pricing {
namespace {

__extension__ typedef __int128 Wide;  // products of two int64 values

constexpr int kPicoDigits = 12;

Wide RoundHalfEven(Wide numerator, Wide divisor) {
  // Callers pass divisor > 0; the sign lives in the numerator.
  const bool negative = numerator < 0;
  const Wide n = negative ? -numerator : numerator;
  Wide q = n / divisor;
  const Wide r = n % divisor;
  if (2 * r > divisor || (2 * r == divisor && (q % 2) == 1)) {
    ++q;
  }
  return negative ? -q : q;
}

Wide Pow10(int exponent) {
  Wide v = 1;
  for (int i = 0; i < exponent; ++i) {
    v *= 10;
  }
  return v;
}

bool FitsInt64(Wide v) {
  return v >= std::numeric_limits<int64_t>::min() && v <= std::numeric_limits<int64_t>::max();
}

}  // namespace

std::optional<Money> ParseUsd(std::string_view text) {
  // mantissa digits (at most 30 significant, plenty for a price) and a decimal exponent
  Wide mantissa = 0;
  int exponent = 0;
  int digits = 0;
  size_t i = 0;
  bool seen_point = false;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      if (mantissa == 0 && c == '0') {
        if (seen_point) {
          --exponent;
        }
        continue;
      }
      if (digits >= 30) {
        if (!seen_point) {
          ++exponent;  // drop an insignificant integer digit, keep the magnitude
        }
        continue;
      }
      mantissa = mantissa * 10 + (c - '0');
      ++digits;
      if (seen_point) {
        --exponent;
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) {
    return std::nullopt;
  }
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') {
      return std::nullopt;
    }
    ++i;
    int exp_value = 0;
    const char* begin = text.data() + i;
    const char* end = text.data() + text.size();
    if (begin != end && *begin == '+') {
      ++begin;
    }
    auto [ptr, ec] = std::from_chars(begin, end, exp_value);
    if (ec != std::errc() || ptr != end || exp_value > 40 || exp_value < -60) {
      return std::nullopt;
    }
    exponent += exp_value;
  }
  // value = mantissa * 10^exponent USD = mantissa * 10^(exponent + 12) pico-USD
  const int shift = exponent + kPicoDigits;
  Wide pico;
  if (shift >= 0) {
    if (shift > 30) {
      return mantissa == 0 ? std::optional<Money>(Money{}) : std::nullopt;
    }
    pico = mantissa * Pow10(shift);
  } else {
    if (-shift > 36) {
      return Money{};
    }
    pico = RoundHalfEven(mantissa, Pow10(-shift));
  }
  if (!FitsInt64(pico)) {
    return std::nullopt;
  }
  return Money::FromPico(static_cast<int64_t>(pico));
}

std::string FormatUsd(Money amount, int decimals) {
  if (decimals < 0) {
    decimals = 0;
  }
  if (decimals > kPicoDigits) {
    decimals = kPicoDigits;
  }
  const Wide scaled = RoundHalfEven(amount.pico(), Pow10(kPicoDigits - decimals));
  const bool negative = scaled < 0;
  const Wide magnitude = negative ? -scaled : scaled;
  const Wide unit = Pow10(decimals);
  const auto whole = static_cast<int64_t>(magnitude / unit);
  const auto fraction = static_cast<int64_t>(magnitude % unit);
  std::string out = negative ? "-" : "";
  out += std::to_string(whole);
  if (decimals > 0) {
    std::string frac = std::to_string(fraction);
    out += '.';
    out.append(static_cast<size_t>(decimals) - frac.size(), '0');
    out += frac;
  }
  return out;
}

int64_t RoundToMicroUsd(Money amount) {
  return static_cast<int64_t>(RoundHalfEven(amount.pico(), kPicoPerMicroUsd));
}

std::optional<int64_t> MulDivRoundHalfEven(int64_t a, int64_t b, int64_t divisor) {
  const Wide product = static_cast<Wide>(a) * b;
  const Wide result = divisor == 1 ? product : RoundHalfEven(product, divisor);
  if (!FitsInt64(result)) {
    return std::nullopt;
  }
  return static_cast<int64_t>(result);
}

}  // namespace costgate::pricing
