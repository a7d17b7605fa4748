// How a range splits into whole local days, whole UTC hours and raw edges.
#include "central/store/analytics_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <variant>
#include <vector>

namespace costgate::central {
namespace {

constexpr int64_t kPlanHourMs = 3'600'000;
constexpr int64_t kPlanDec1 = 1'796'083'200'000;  // 2026-12-01T00:00:00Z

budgets::TimeZone PlanZone(const char* name) {
  return std::get<budgets::TimeZone>(budgets::TimeZone::Load(name));
}

TEST(AnalyticsPlan, WholeDaysThenHoursThenRawEdges) {
  const budgets::TimeZone utc = budgets::TimeZone::Utc();
  const int64_t from = kPlanDec1 - 90 * 60'000;         // 2026-11-30T22:30Z
  const int64_t to = kPlanDec1 + 50 * kPlanHourMs + 5;  // 2026-12-03T02:00:00.005Z
  const RangePlan plan = PlanRange(from, to, utc);
  ASSERT_TRUE(plan.days.has_value());
  EXPECT_EQ(*plan.days, (TimeSpan{kPlanDec1, kPlanDec1 + 48 * kPlanHourMs}));
  EXPECT_EQ(plan.hours,
            (std::vector<TimeSpan>{{kPlanDec1 - kPlanHourMs, kPlanDec1},
                                   {kPlanDec1 + 48 * kPlanHourMs, kPlanDec1 + 50 * kPlanHourMs}}));
  EXPECT_EQ(plan.raw, (std::vector<TimeSpan>{{from, kPlanDec1 - kPlanHourMs},
                                             {kPlanDec1 + 50 * kPlanHourMs, to}}));
}

TEST(AnalyticsPlan, DaysAreTheZonesAndAShortRangeIsRawOnly) {
  const budgets::TimeZone berlin = PlanZone("Europe/Berlin");
  const RangePlan plan = PlanRange(kPlanDec1, kPlanDec1 + 2 * 24 * kPlanHourMs, berlin);
  ASSERT_TRUE(plan.days.has_value());  // Berlin's 2026-12-02 starts 2026-12-01T23:00Z
  EXPECT_EQ(*plan.days, (TimeSpan{kPlanDec1 + 23 * kPlanHourMs, kPlanDec1 + 47 * kPlanHourMs}));
  const RangePlan small = PlanRange(kPlanDec1 + 10, kPlanDec1 + 20, berlin);
  EXPECT_FALSE(small.days.has_value());
  EXPECT_TRUE(small.hours.empty());
  EXPECT_EQ(small.raw, (std::vector<TimeSpan>{{kPlanDec1 + 10, kPlanDec1 + 20}}));
  EXPECT_TRUE(PlanRange(5, 5, berlin).raw.empty());
}

// A probe over a fixed list of event start times.
HasEventsIn EventsAt(std::vector<int64_t> starts) {
  return [starts = std::move(starts)](const TimeSpan& span) {
    return std::any_of(starts.begin(), starts.end(),
                       [&](int64_t t) { return t >= span.from_unix_ms && t < span.to_unix_ms; });
  };
}

TEST(AnalyticsPlan, AnEdgeWithoutEventsWidensToItsDayThenItsHour) {
  const budgets::TimeZone berlin = PlanZone("Europe/Berlin");
  const int64_t berlin_dec2 = kPlanDec1 + 23 * kPlanHourMs;  // 2026-12-02T00:00+01:00
  const int64_t from = berlin_dec2 + 5 * kPlanHourMs + 7 * 60'000;
  const int64_t to = berlin_dec2 + 30 * kPlanHourMs + 13 * 60'000;  // 3 Dec, 06:13 local
  // Nothing outside the range on either day: the whole local days.
  EXPECT_EQ(WidenOverEmptyEdges({from, to}, &berlin, EventsAt({from, to - 1})),
            (TimeSpan{berlin_dec2, berlin_dec2 + 48 * kPlanHourMs}));
  // An event earlier that day and one later the next: only the hours around the edges.
  EXPECT_EQ(WidenOverEmptyEdges({from, to}, &berlin,
                                EventsAt({berlin_dec2 + kPlanHourMs, to + 2 * kPlanHourMs})),
            (TimeSpan{from - 7 * 60'000, to + 47 * 60'000}));
  // An event inside each edge's hour: the range as asked.
  EXPECT_EQ(WidenOverEmptyEdges({from, to}, &berlin, EventsAt({from - 1, to})),
            (TimeSpan{from, to}));
  // Without a day zone, hours only.
  EXPECT_EQ(WidenOverEmptyEdges({from, to}, nullptr, EventsAt({})),
            (TimeSpan{from - 7 * 60'000, to + 47 * 60'000}));
  // Already on day boundaries, or empty: unchanged, and no probe is needed.
  const HasEventsIn never_asked = [](const TimeSpan&) {
    ADD_FAILURE() << "probed an edge that needs none";
    return true;
  };
  EXPECT_EQ(
      WidenOverEmptyEdges({berlin_dec2, berlin_dec2 + 24 * kPlanHourMs}, &berlin, never_asked),
      (TimeSpan{berlin_dec2, berlin_dec2 + 24 * kPlanHourMs}));
  EXPECT_EQ(WidenOverEmptyEdges({from, from}, &berlin, never_asked), (TimeSpan{from, from}));
}

TEST(AnalyticsPlan, WideningFollowsTheLocalDayAcrossADstChange) {
  const budgets::TimeZone berlin = PlanZone("Europe/Berlin");
  // 2026-10-25 in Berlin is 25 hours long: 2026-10-24T22:00Z to 2026-10-25T23:00Z.
  const int64_t oct25 = 1'792'879'200'000;  // 2026-10-24T22:00:00Z
  EXPECT_EQ(WidenOverEmptyEdges({oct25 + 3 * kPlanHourMs + 1, oct25 + 20 * kPlanHourMs}, &berlin,
                                EventsAt({})),
            (TimeSpan{oct25, oct25 + 25 * kPlanHourMs}));
}

}  // namespace
}  // namespace costgate::central
