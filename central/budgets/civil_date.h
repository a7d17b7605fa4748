// Proleptic Gregorian calendar dates and their day numbers, for time zones and budget periods.
// Pure arithmetic (Howard Hinnant's days_from_civil / civil_from_days), no time zone.
#pragma once

#include <cstdint>

namespace costgate::central::budgets {

struct CivilDate {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..DaysInMonth(year, month)

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Days since 1970-01-01 (negative before). Valid for any |year| below about 10^9.
int64_t DaysFromCivil(const CivilDate& date) noexcept;
CivilDate CivilFromDays(int64_t days) noexcept;

int DaysInMonth(int64_t year, int month) noexcept;
// 0 = Monday .. 6 = Sunday (ISO 8601 numbering minus one).
int WeekdayFromDays(int64_t days) noexcept;
// The first day of the month `months` after (or before, when negative) the month of `date`.
CivilDate FirstOfMonthPlus(const CivilDate& date, int64_t months) noexcept;

// Floor division and modulo, for seconds and days before 1970.
constexpr int64_t FloorDiv(int64_t a, int64_t b) noexcept {
  return a / b - ((a % b != 0) && ((a % b < 0) != (b < 0)) ? 1 : 0);
}
constexpr int64_t FloorMod(int64_t a, int64_t b) noexcept { return a - FloorDiv(a, b) * b; }

}  // namespace costgate::central::budgets
