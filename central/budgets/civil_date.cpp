#include "central/budgets/civil_date.h"

namespace costgate::central::budgets {

// The algorithms count in 400-year eras starting on 0000-03-01, so the leap day is the last day
// of an era's year and month lengths follow a fixed 153-day pattern
// (https://howardhinnant.github.io/date_algorithms.html).
int64_t DaysFromCivil(const CivilDate& date) noexcept {
  const int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t mp = (date.month + 9) % 12;  // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t days) noexcept {
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int DaysInMonth(int64_t year, int month) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap =
      FloorMod(year, 4) == 0 && (FloorMod(year, 100) != 0 || FloorMod(year, 400) == 0);
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int WeekdayFromDays(int64_t days) noexcept {
  return static_cast<int>(FloorMod(days + 3, 7));  // 1970-01-01 was a Thursday
}

CivilDate FirstOfMonthPlus(const CivilDate& date, int64_t months) noexcept {
  const int64_t index = date.year * 12 + (date.month - 1) + months;
  return CivilDate{FloorDiv(index, 12), static_cast<int>(FloorMod(index, 12)) + 1, 1};
}

}  // namespace costgate::central::budgets
