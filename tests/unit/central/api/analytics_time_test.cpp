// The analytics API's instants and buckets: RFC 3339 and dates in a zone, local hours in a zone
// off the whole hour, weeks from Monday, months of unequal length.
#include "central/api/analytics_time.h"

#include <gtest/gtest.h>

#include <variant>

namespace costgate::central {
namespace {

constexpr int64_t kTimeDec1 = 1'796'083'200'000;  // 2026-12-01T00:00:00Z (a Tuesday)
constexpr int64_t kTimeHourMs = 3'600'000;

budgets::TimeZone TimeTestZone(const char* name) {
  return std::get<budgets::TimeZone>(budgets::TimeZone::Load(name));
}

TEST(AnalyticsTime, ParsesTimestampsAndLocalDates) {
  const budgets::TimeZone berlin = TimeTestZone("Europe/Berlin");
  EXPECT_EQ(ParseInstant("2026-12-01T00:00:00Z", berlin), kTimeDec1);
  EXPECT_EQ(ParseInstant("2026-12-01T01:00:00+01:00", berlin), kTimeDec1);
  EXPECT_EQ(ParseInstant("2026-11-30T19:00:00.5-05:00", berlin), kTimeDec1 + 500);
  EXPECT_EQ(ParseInstant("2026-12-01", berlin), kTimeDec1 - kTimeHourMs);  // Berlin midnight
  for (const char* bad :
       {"", "2026-12-01T00:00:00", "2026-13-01", "2026-12-01T00:00Z", "2026-12-01T00:00:00+0100",
        "2026-12-01T00:00:00.Z", "1764547200000", "2026-12-01T00:00:00Zjunk"}) {
    EXPECT_FALSE(ParseInstant(bad, berlin).has_value()) << bad;
  }
}

TEST(AnalyticsTime, HourBucketsAreLocalHours) {
  // Kolkata is +05:30: its hours start at :30 UTC.
  const budgets::TimeZone kolkata = TimeTestZone("Asia/Kolkata");
  const std::vector<int64_t> edges =
      BucketEdges(kTimeDec1, kTimeDec1 + kTimeHourMs, BucketKind::kHour, kolkata);
  const int64_t half = kTimeHourMs / 2;
  EXPECT_EQ(edges, (std::vector<int64_t>{kTimeDec1 - half, kTimeDec1 + half,
                                         kTimeDec1 + kTimeHourMs + half}));
}

TEST(AnalyticsTime, WeeksStartMondayAndMonthsOnTheFirst) {
  const budgets::TimeZone utc = budgets::TimeZone::Utc();
  const int64_t day = 24 * kTimeHourMs;
  EXPECT_EQ(BucketEdges(kTimeDec1, kTimeDec1 + day, BucketKind::kWeek, utc),
            (std::vector<int64_t>{kTimeDec1 - day, kTimeDec1 + 6 * day}));
  const std::vector<int64_t> months =
      BucketEdges(kTimeDec1 + 5 * day, kTimeDec1 + 40 * day, BucketKind::kMonth, utc);
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0], kTimeDec1);
  EXPECT_EQ(months[1], kTimeDec1 + 31 * day);  // 2027-01-01
  EXPECT_EQ(months[2], kTimeDec1 + 62 * day);  // 2027-02-01
  EXPECT_EQ(StartOfLocalMonth(kTimeDec1 + 5 * day, utc), kTimeDec1);
}

}  // namespace
}  // namespace costgate::central
