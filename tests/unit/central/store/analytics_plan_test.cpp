// How a range splits into whole local days, whole UTC hours and raw edges.
#include "central/store/analytics_plan.h"

#include <gtest/gtest.h>

#include <variant>

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

}  // namespace
}  // namespace costgate::central
