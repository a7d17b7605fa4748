#include "central/budgets/period.h"

#include <gtest/gtest.h>

#include "tests/unit/central/budgets/zone_helpers.h"

namespace costgate::central::budgets {
namespace {

using testing::CraftedZone;
using testing::CraftTzif;
using testing::SystemZone;
using testing::UtcSeconds;

constexpr int64_t kHourMs = 3600 * 1000;

int64_t UtcMs(int64_t year, int month, int day, int64_t hours = 0) {
  return UtcSeconds(year, month, day, hours) * 1000;
}

// The period at `at` and its key, in one line for the expectations.
struct Found {
  Period period;
  std::string key;
};
Found Find(PeriodKind kind, int64_t at_ms, const TimeZone& zone, int fiscal_first_month = 1) {
  const Period period = PeriodAt(kind, at_ms, zone, fiscal_first_month);
  return Found{period, PeriodKey(kind, period, zone, fiscal_first_month)};
}

TEST(Period, KindNames) {
  for (PeriodKind kind :
       {PeriodKind::kDaily, PeriodKind::kWeekly, PeriodKind::kMonthly, PeriodKind::kQuarterly}) {
    EXPECT_EQ(ParsePeriodKind(PeriodKindName(kind)), kind);
  }
  EXPECT_EQ(PeriodKindName(PeriodKind::kQuarterly), "quarterly");
  EXPECT_EQ(ParsePeriodKind("Daily"), std::nullopt);
  EXPECT_EQ(ParsePeriodKind("yearly"), std::nullopt);
  EXPECT_EQ(ParsePeriodKind(""), std::nullopt);
}

TEST(Period, UtcDaysWeeksMonthsAndYearEnd) {
  const TimeZone utc = TimeZone::Utc();
  Found day = Find(PeriodKind::kDaily, UtcMs(2024, 2, 29, 12), utc);
  EXPECT_EQ(day.period, (Period{UtcMs(2024, 2, 29), UtcMs(2024, 3, 1)}));
  EXPECT_EQ(day.key, "2024-02-29");
  Found month = Find(PeriodKind::kMonthly, UtcMs(2024, 2, 29, 23), utc);
  EXPECT_EQ(month.period, (Period{UtcMs(2024, 2, 1), UtcMs(2024, 3, 1)}));
  EXPECT_EQ(month.key, "2024-02");
  // ISO weeks (keys from `date -u +%G-W%V`): Monday 7 December 2026 is in week 50; the week of
  // 31 December 2026 is week 53 of 2026 up to Sunday 3 January 2027.
  Found week = Find(PeriodKind::kWeekly, UtcMs(2026, 12, 10, 5), utc);
  EXPECT_EQ(week.period, (Period{UtcMs(2026, 12, 7), UtcMs(2026, 12, 14)}));
  EXPECT_EQ(week.key, "2026-W50");
  Found year_end = Find(PeriodKind::kWeekly, UtcMs(2027, 1, 3, 23), utc);
  EXPECT_EQ(year_end.period, (Period{UtcMs(2026, 12, 28), UtcMs(2027, 1, 4)}));
  EXPECT_EQ(year_end.key, "2026-W53");
  EXPECT_EQ(Find(PeriodKind::kWeekly, UtcMs(2027, 1, 4), utc).key, "2027-W01");
  EXPECT_EQ(Find(PeriodKind::kWeekly, UtcMs(2025, 12, 31), utc).key, "2026-W01");
  EXPECT_EQ(Find(PeriodKind::kWeekly, UtcMs(1970, 1, 1), utc).key, "1970-W01");
  // The last millisecond of a year and the first of the next.
  Found december = Find(PeriodKind::kMonthly, UtcMs(2027, 1, 1) - 1, utc);
  EXPECT_EQ(december.period, (Period{UtcMs(2026, 12, 1), UtcMs(2027, 1, 1)}));
  EXPECT_EQ(december.key, "2026-12");
  Found january = Find(PeriodKind::kMonthly, UtcMs(2027, 1, 1), utc);
  EXPECT_EQ(january.period, (Period{UtcMs(2027, 1, 1), UtcMs(2027, 2, 1)}));
  Found q4 = Find(PeriodKind::kQuarterly, UtcMs(2027, 1, 1) - 1, utc);
  EXPECT_EQ(q4.period, (Period{UtcMs(2026, 10, 1), UtcMs(2027, 1, 1)}));
  EXPECT_EQ(q4.key, "FY2026-Q4");
  EXPECT_EQ(Find(PeriodKind::kQuarterly, UtcMs(2027, 1, 1), utc).key, "FY2027-Q1");
  // Before 1970 the millisecond rounds down, not towards zero.
  EXPECT_EQ(Find(PeriodKind::kDaily, -1, utc).period, (Period{-86400000, 0}));
}

TEST(Period, StartIsInsideEndIsOutside) {
  const TimeZone utc = TimeZone::Utc();
  for (PeriodKind kind :
       {PeriodKind::kDaily, PeriodKind::kWeekly, PeriodKind::kMonthly, PeriodKind::kQuarterly}) {
    const Period period = PeriodAt(kind, UtcMs(2026, 12, 7, 9), utc, 4);
    EXPECT_EQ(PeriodAt(kind, period.start_unix_ms, utc, 4), period);
    EXPECT_EQ(PeriodAt(kind, period.end_unix_ms - 1, utc, 4), period);
    const Period next = PeriodAt(kind, period.end_unix_ms, utc, 4);
    EXPECT_EQ(next.start_unix_ms, period.end_unix_ms);
    EXPECT_EQ(PeriodAt(kind, period.start_unix_ms - 1, utc, 4).end_unix_ms, period.start_unix_ms);
  }
}

TEST(Period, FiscalQuarters) {
  const TimeZone utc = TimeZone::Utc();
  // First month April: Apr-Jun Q1, Jul-Sep Q2, Oct-Dec Q3, Jan-Mar Q4 of the year begun in April.
  Found q3 = Find(PeriodKind::kQuarterly, UtcMs(2026, 12, 7), utc, 4);
  EXPECT_EQ(q3.period, (Period{UtcMs(2026, 10, 1), UtcMs(2027, 1, 1)}));
  EXPECT_EQ(q3.key, "FY2026-Q3");
  Found q4 = Find(PeriodKind::kQuarterly, UtcMs(2027, 3, 31, 23), utc, 4);
  EXPECT_EQ(q4.period, (Period{UtcMs(2027, 1, 1), UtcMs(2027, 4, 1)}));
  EXPECT_EQ(q4.key, "FY2026-Q4");
  Found next_year = Find(PeriodKind::kQuarterly, UtcMs(2027, 4, 1), utc, 4);
  EXPECT_EQ(next_year.period, (Period{UtcMs(2027, 4, 1), UtcMs(2027, 7, 1)}));
  EXPECT_EQ(next_year.key, "FY2027-Q1");
  // First month October (the US federal year): Oct-Dec Q1, Jan-Mar Q2, Apr-Jun Q3, Jul-Sep Q4.
  Found federal_q1 = Find(PeriodKind::kQuarterly, UtcMs(2026, 12, 7), utc, 10);
  EXPECT_EQ(federal_q1.period, (Period{UtcMs(2026, 10, 1), UtcMs(2027, 1, 1)}));
  EXPECT_EQ(federal_q1.key, "FY2026-Q1");
  Found federal_q2 = Find(PeriodKind::kQuarterly, UtcMs(2027, 2, 28), utc, 10);
  EXPECT_EQ(federal_q2.period, (Period{UtcMs(2027, 1, 1), UtcMs(2027, 4, 1)}));
  EXPECT_EQ(federal_q2.key, "FY2026-Q2");
  Found federal_q4 = Find(PeriodKind::kQuarterly, UtcMs(2027, 9, 30), utc, 10);
  EXPECT_EQ(federal_q4.period, (Period{UtcMs(2027, 7, 1), UtcMs(2027, 10, 1)}));
  EXPECT_EQ(federal_q4.key, "FY2026-Q4");
  // A first month off the calendar quarters: February, May, August, November.
  EXPECT_EQ(Find(PeriodKind::kQuarterly, UtcMs(2027, 1, 15), utc, 2).period,
            (Period{UtcMs(2026, 11, 1), UtcMs(2027, 2, 1)}));
  EXPECT_EQ(Find(PeriodKind::kQuarterly, UtcMs(2027, 1, 15), utc, 2).key, "FY2026-Q4");
}

// Boundaries from `TZ=America/New_York date -d '<date> 00:00' +%s`.
TEST(Period, NewYorkAcrossDaylightSavingChanges) {
  const auto zone = SystemZone("America/New_York");
  if (!zone) GTEST_SKIP() << "America/New_York is not installed";
  Found spring = Find(PeriodKind::kDaily, 1772946000000 + 12 * kHourMs, *zone);
  EXPECT_EQ(spring.period, (Period{1772946000000, 1773028800000}));
  EXPECT_EQ(spring.period.end_unix_ms - spring.period.start_unix_ms, 23 * kHourMs);
  EXPECT_EQ(spring.key, "2026-03-08");
  Found autumn = Find(PeriodKind::kDaily, 1793505600000 + 24 * kHourMs, *zone);
  EXPECT_EQ(autumn.period, (Period{1793505600000, 1793595600000}));
  EXPECT_EQ(autumn.period.end_unix_ms - autumn.period.start_unix_ms, 25 * kHourMs);
  EXPECT_EQ(autumn.key, "2026-11-01");
  // March 2026 starts in EST and ends in EDT: 31 days less an hour.
  Found march = Find(PeriodKind::kMonthly, 1772946000000, *zone);
  EXPECT_EQ(march.period, (Period{1772341200000, 1775016000000}));
  EXPECT_EQ(march.period.end_unix_ms - march.period.start_unix_ms, (31 * 24 - 1) * kHourMs);
  EXPECT_EQ(march.key, "2026-03");
  // 1 December 00:00 EST is 05:00Z: 04:59Z still belongs to November.
  EXPECT_EQ(Find(PeriodKind::kMonthly, 1796101200000 - 1, *zone).key, "2026-11");
  EXPECT_EQ(Find(PeriodKind::kMonthly, 1796101200000, *zone).key, "2026-12");
  EXPECT_EQ(Find(PeriodKind::kMonthly, 1796101200000, *zone).period.start_unix_ms, 1796101200000);
  // Far future, long after the file's last transition: the footer's rule.
  Found future = Find(PeriodKind::kDaily, 10440072000000 + kHourMs, *zone);
  EXPECT_EQ(future.period, (Period{10440072000000, 10440158400000}));
  EXPECT_EQ(future.key, "2300-11-01");
}

TEST(Period, LondonKolkataAndLordHowe) {
  if (const auto london = SystemZone("Europe/London")) {
    // Calendar quarters of 2026 start 1 January GMT, 1 April, 1 July and 1 October BST.
    Found q2 = Find(PeriodKind::kQuarterly, 1782860400000 - 1, *london);
    EXPECT_EQ(q2.period, (Period{1774998000000, 1782860400000}));
    EXPECT_EQ(q2.key, "FY2026-Q2");
    EXPECT_EQ(Find(PeriodKind::kDaily, 1792882800000, *london).period,
              (Period{1792882800000, 1792972800000}));  // 25 October 2026: 25 hours
  }
  if (const auto kolkata = SystemZone("Asia/Kolkata")) {
    // 18:29:59Z on 7 December is 23:59:59 IST; 18:30Z is the next day.
    Found day = Find(PeriodKind::kDaily, 1796668200000 - 1, *kolkata);
    EXPECT_EQ(day.period, (Period{1796581800000, 1796668200000}));
    EXPECT_EQ(day.key, "2026-12-07");
    EXPECT_EQ(Find(PeriodKind::kDaily, 1796668200000, *kolkata).key, "2026-12-08");
    EXPECT_EQ(Find(PeriodKind::kWeekly, 1796668200000 - 1, *kolkata).period.start_unix_ms,
              1796581800000);  // Monday 7 December 00:00 IST
  }
  if (const auto lord_howe = SystemZone("Australia/Lord_Howe")) {
    // DST starts 4 October 2026 at 02:00, half an hour forward: a day of 23.5 hours.
    Found day = Find(PeriodKind::kDaily, 1791034200000, *lord_howe);
    EXPECT_EQ(day.period, (Period{1791034200000, 1791118800000}));
    EXPECT_EQ(day.period.end_unix_ms - day.period.start_unix_ms, 23 * kHourMs + kHourMs / 2);
    // And ends 5 April 2026: a day of 24.5 hours.
    Found back = Find(PeriodKind::kDaily, 1775307600000, *lord_howe);
    EXPECT_EQ(back.period, (Period{1775307600000, 1775395800000}));
    EXPECT_EQ(Find(PeriodKind::kQuarterly, 1790775000000, *lord_howe).period.start_unix_ms,
              1790775000000);  // 1 October 2026 00:00 +1030
  }
}

TEST(Period, MidnightSkippedInSantiagoAndBeirut) {
  if (const auto santiago = SystemZone("America/Santiago")) {
    // Saturday 5 September 2026 24:00 -04 becomes Sunday 01:00 -03: Sunday starts at 01:00.
    Found sunday = Find(PeriodKind::kDaily, 1788667200000, *santiago);
    EXPECT_EQ(sunday.period, (Period{1788667200000, 1788750000000}));
    EXPECT_EQ(sunday.key, "2026-09-06");
    Found saturday = Find(PeriodKind::kDaily, 1788667200000 - 1, *santiago);
    EXPECT_EQ(saturday.period, (Period{1788580800000, 1788667200000}));
    EXPECT_EQ(saturday.key, "2026-09-05");
  }
  if (const auto beirut = SystemZone("Asia/Beirut")) {
    Found sunday = Find(PeriodKind::kDaily, 1774735200000, *beirut);
    EXPECT_EQ(sunday.period, (Period{1774735200000, 1774818000000}));
    EXPECT_EQ(sunday.key, "2026-03-29");
    EXPECT_EQ(Find(PeriodKind::kWeekly, 1774735200000, *beirut).key, "2026-W13");
  }
}

// Samoa moved across the date line: 30 December 2011 never happened there (boundaries from
// `TZ=Pacific/Apia date -d '<date> 00:00' +%s`). The day is empty; its neighbours are whole.
TEST(Period, ADaySkippedWhole) {
  const auto apia = SystemZone("Pacific/Apia");
  if (!apia) GTEST_SKIP() << "Pacific/Apia is not installed";
  EXPECT_EQ(apia->StartOfLocalDay({2011, 12, 30}), 1325239200);
  Found before = Find(PeriodKind::kDaily, 1325239200000 - 1, *apia);
  EXPECT_EQ(before.period, (Period{1325152800000, 1325239200000}));
  EXPECT_EQ(before.key, "2011-12-29");
  Found after = Find(PeriodKind::kDaily, 1325239200000, *apia);
  EXPECT_EQ(after.period, (Period{1325239200000, 1325325600000}));
  EXPECT_EQ(after.key, "2011-12-31");
  Found week = Find(PeriodKind::kWeekly, 1325239200000, *apia);
  EXPECT_EQ(week.period, (Period{1324893600000, 1325412000000}));  // six days long
  EXPECT_EQ(week.key, "2011-W52");
}

// The hand-made zone of time_zone_test.cpp: midnight of 4 January 2000 happens twice, and the
// half hour after the first one shows 3 January again. Periods still meet and cover every instant.
TEST(Period, ClocksFallingBackAcrossMidnightStillPartitionTime) {
  CraftedZone crafted;
  const int64_t jan2 = 946771200;
  const int64_t jan4 = jan2 + 2 * 86400;
  crafted.times = {jan2, jan4 - 1800};
  crafted.type_of = {1, 0};
  crafted.type_offsets = {0, 3600};
  auto loaded = TimeZone::FromTzif("Crafted/Repeat", CraftTzif(crafted));
  ASSERT_TRUE(std::holds_alternative<TimeZone>(loaded));
  const TimeZone& zone = std::get<TimeZone>(loaded);
  const Period jan4_period{(jan4 - 3600) * 1000, (jan4 + 86400) * 1000};
  EXPECT_EQ(PeriodAt(PeriodKind::kDaily, (jan4 - 2700) * 1000, zone, 1), jan4_period);
  EXPECT_EQ(PeriodAt(PeriodKind::kDaily, (jan4 - 900) * 1000, zone, 1), jan4_period);
  EXPECT_EQ(PeriodKey(PeriodKind::kDaily, jan4_period, zone, 1), "2000-01-04");
  for (int64_t at = (jan2 - 86400) * 1000; at < (jan4 + 2 * 86400) * 1000; at += 15 * 60 * 1000) {
    const Period period = PeriodAt(PeriodKind::kDaily, at, zone, 1);
    EXPECT_LE(period.start_unix_ms, at);
    EXPECT_LT(at, period.end_unix_ms);
    EXPECT_EQ(PeriodAt(PeriodKind::kDaily, period.end_unix_ms, zone, 1).start_unix_ms,
              period.end_unix_ms);
  }
}

}  // namespace
}  // namespace costgate::central::budgets
