#include "pricing/timestamp.h"

#include <array>

namespace costgate::pricing {
namespace {

constexpr int64_t kMsPerDay = 86'400'000;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): exact for
// any year, with no time zone database and no locale involved.
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t DaysInMonth(int64_t y, int64_t m) {
  constexpr std::array<int64_t, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[static_cast<size_t>(m - 1)];
}

// Reads exactly `digits` decimal digits at s[i].
bool Number(std::string_view s, size_t& i, size_t digits, int64_t& out) {
  if (i + digits > s.size()) {
    return false;
  }
  out = 0;
  for (size_t k = 0; k < digits; ++k, ++i) {
    if (s[i] < '0' || s[i] > '9') {
      return false;
    }
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool Char(std::string_view s, size_t& i, std::string_view any_of) {
  if (i < s.size() && any_of.find(s[i]) != std::string_view::npos) {
    ++i;
    return true;
  }
  return false;
}

// ".f{1,3}" after the seconds, as milliseconds.
bool Fraction(std::string_view s, size_t& i, int64_t& millis) {
  if (!Char(s, i, ".")) {
    return true;
  }
  const size_t first = i;
  int64_t scale = 100;
  for (int64_t digit = 0; Number(s, i, 1, digit); scale /= 10) {
    if (i - first > 3) {
      return false;  // finer than the millisecond prices are dated to
    }
    millis += digit * scale;
  }
  return i > first;
}

// "Z" or "+HH:MM" / "-HH:MM", as minutes east of UTC.
bool Offset(std::string_view s, size_t& i, int64_t& minutes) {
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    const int64_t sign = s[i++] == '-' ? -1 : 1;
    int64_t hours = 0;
    int64_t mins = 0;
    if (!Number(s, i, 2, hours) || !Char(s, i, ":") || !Number(s, i, 2, mins) || hours > 23 ||
        mins > 59) {
      return false;
    }
    minutes = sign * (hours * 60 + mins);
    return true;
  }
  return Char(s, i, "Zz");
}

}  // namespace

std::optional<int64_t> ParseTimestampMs(std::string_view s) {
  size_t i = 0;
  int64_t year = 0;
  int64_t month = 0;
  int64_t day = 0;
  if (!Number(s, i, 4, year) || !Char(s, i, "-") || !Number(s, i, 2, month) || !Char(s, i, "-") ||
      !Number(s, i, 2, day) || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return std::nullopt;
  }
  const int64_t midnight = DaysFromCivil(year, month, day) * kMsPerDay;
  if (i == s.size()) {
    return midnight;
  }
  int64_t hour = 0;
  int64_t minute = 0;
  int64_t second = 0;
  int64_t millis = 0;
  int64_t offset_minutes = 0;
  if (!Char(s, i, "Tt") || !Number(s, i, 2, hour) || !Char(s, i, ":") || !Number(s, i, 2, minute) ||
      !Char(s, i, ":") || !Number(s, i, 2, second) || hour > 23 || minute > 59 || second > 59 ||
      !Fraction(s, i, millis) || !Offset(s, i, offset_minutes) || i != s.size()) {
    return std::nullopt;
  }
  return midnight + ((hour * 60 + minute - offset_minutes) * 60 + second) * 1000 + millis;
}

}  // namespace costgate::pricing
