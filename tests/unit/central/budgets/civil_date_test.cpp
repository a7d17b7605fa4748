#include "central/budgets/civil_date.h"

#include <gtest/gtest.h>

namespace costgate::central::budgets {
namespace {

// Day numbers from `date -u -d <date> +%s` / 86400.
TEST(CivilDate, DayNumbersMatchTheSystemCalendar) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2000, 2, 29}), 951782400 / 86400);
  EXPECT_EQ(DaysFromCivil({2024, 2, 29}), 1709164800 / 86400);
  EXPECT_EQ(DaysFromCivil({2026, 12, 31}), 1798675200 / 86400);
  EXPECT_EQ(DaysFromCivil({1900, 1, 1}), -2208988800 / 86400);
  for (int64_t days = -800000; days <= 800000; days += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(days)), days);
  }
  EXPECT_EQ(CivilFromDays(-1), (CivilDate{1969, 12, 31}));
}

TEST(CivilDate, MonthLengthsAndWeekdays) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
  EXPECT_EQ(WeekdayFromDays(0), 3);                             // Thursday
  EXPECT_EQ(WeekdayFromDays(DaysFromCivil({2026, 12, 7})), 0);  // Monday
  EXPECT_EQ(WeekdayFromDays(-1), 2);                            // Wednesday 1969-12-31
  EXPECT_EQ(FirstOfMonthPlus({2026, 11, 15}, 3), (CivilDate{2027, 2, 1}));
  EXPECT_EQ(FirstOfMonthPlus({2026, 1, 31}, -1), (CivilDate{2025, 12, 1}));
  EXPECT_EQ(FloorDiv(-1, 1000), -1);
  EXPECT_EQ(FloorMod(-1, 7), 6);
}

}  // namespace
}  // namespace costgate::central::budgets
