// Which alerts are due: thresholds reached, lowest first; the forecast only once enough of the
// period has passed, while the period runs and the amount is not yet spent.
#include "central/alerts/decide.h"

#include <gtest/gtest.h>

#include <vector>

#include "central/store/alert.h"

namespace costgate::central::alerts {
namespace {

using pricing::Money;

constexpr int64_t kHour = 3'600'000;
constexpr int64_t kDay = 24 * kHour;
// A 30-day month from 2025-11-01T00:00:00Z.
constexpr budgets::Period kMonth{1'761'955'200'000, 1'761'955'200'000 + 30 * kDay};
const std::vector<int> kDefaultThresholds = {50, 80, 100};

Money Usd(double dollars) { return Money::FromPico(static_cast<int64_t>(dollars * 1e12)); }

std::vector<DueAlert> Due(double spent, double amount, int64_t now,
                          const std::vector<int>& thresholds = kDefaultThresholds) {
  return DueAlerts(thresholds, Usd(amount), Usd(spent), kMonth, now);
}

DueAlert Threshold(int percent) { return {kAlertThreshold, percent, std::nullopt}; }

TEST(DueAlerts, NothingBelowTheLowestThreshold) {
  EXPECT_TRUE(Due(7.49, 15, kMonth.end_unix_ms - kHour).empty());
}

TEST(DueAlerts, AThresholdIsReachedAtExactlyItsShare) {
  EXPECT_EQ(Due(7.5, 15, kMonth.end_unix_ms - kHour), (std::vector<DueAlert>{Threshold(50)}));
}

TEST(DueAlerts, AJumpOverSeveralThresholdsMakesEachDueLowestFirst) {
  EXPECT_EQ(Due(16, 15, kMonth.end_unix_ms - kHour, {100, 50, 80, 50}),
            (std::vector<DueAlert>{Threshold(50), Threshold(80), Threshold(100)}));
}

TEST(DueAlerts, NonPositiveThresholdsAreIgnored) {
  EXPECT_EQ(Due(1, 15, kMonth.end_unix_ms - kHour, {0, -5, 5}),
            (std::vector<DueAlert>{Threshold(5)}));
}

TEST(DueAlerts, NothingIsDueWithNothingSpentEvenForAZeroAmount) {
  EXPECT_TRUE(Due(0, 0, kMonth.end_unix_ms - kHour).empty());
  EXPECT_EQ(Due(0.01, 0, kMonth.end_unix_ms - kHour).size(), 3u);
}

TEST(DueAlerts, ThresholdsAboveAHundredPercentWork) {
  EXPECT_EQ(Due(18, 15, kMonth.end_unix_ms - kHour, {120, 150}),
            (std::vector<DueAlert>{Threshold(120)}));
}

TEST(DueAlerts, AHugeSpendDoesNotOverflow) {
  const std::vector<int> thresholds = {1000};
  EXPECT_EQ(DueAlerts(thresholds, Money::FromPico(INT64_MAX / 2), Money::FromPico(INT64_MAX),
                      kMonth, kMonth.end_unix_ms - kHour)
                .size(),
            0u);
}

// The first call of the month: $0.40 of $15 a minute in projects far over, but it is too early
// to say anything.
TEST(DueAlerts, AFirstCallEarlyInThePeriodForecastsNothing) {
  EXPECT_TRUE(Due(0.40, 15, kMonth.start_unix_ms + 60'000).empty());
  EXPECT_TRUE(Due(0.40, 15, kMonth.start_unix_ms + 3 * kDay - 1).empty());  // under 10 %
}

TEST(DueAlerts, ForecastFiresWhenTheRunRateProjectsTheWholeAmount) {
  // 10 % of the month passed, $1.50 spent: projects exactly $15.
  const std::vector<DueAlert> due = Due(1.5, 15, kMonth.start_unix_ms + 3 * kDay);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind, kAlertForecast);
  EXPECT_EQ(due[0].threshold_percent, 100);
  EXPECT_EQ(due[0].projected, Usd(15));
  EXPECT_TRUE(Due(1.49, 15, kMonth.start_unix_ms + 3 * kDay).empty());
}

TEST(DueAlerts, ForecastComesAfterTheThresholdsReachedWithIt) {
  const std::vector<DueAlert> due = Due(9, 15, kMonth.start_unix_ms + 15 * kDay);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0], Threshold(50));
  EXPECT_EQ(due[1].kind, kAlertForecast);
  EXPECT_EQ(due[1].projected, Usd(18));
}

TEST(DueAlerts, NoForecastOnceTheAmountIsSpent) {
  EXPECT_EQ(Due(15, 15, kMonth.start_unix_ms + 15 * kDay).back(), Threshold(100));
  EXPECT_EQ(Due(15, 15, kMonth.start_unix_ms + 15 * kDay, {50}).size(), 1u);
}

TEST(DueAlerts, ABudgetWithoutThresholdsForecastsNothingEither) {
  EXPECT_TRUE(Due(9, 15, kMonth.start_unix_ms + 15 * kDay, {}).empty());
}

TEST(DueAlerts, ALatePeriodStillAlertsForADayThenNothing) {
  EXPECT_EQ(Due(8, 15, kMonth.end_unix_ms + kDay), (std::vector<DueAlert>{Threshold(50)}));
  EXPECT_TRUE(Due(8, 15, kMonth.end_unix_ms + kDay + 1).empty());
}

TEST(ProjectedSpend, NeedsTenPercentOfThePeriodAndAnHour) {
  const budgets::Period day{kMonth.start_unix_ms, kMonth.start_unix_ms + kDay};
  // 10 % of a day is 2.4 hours.
  EXPECT_EQ(ProjectedSpend(Usd(1), day, day.start_unix_ms + 2 * kHour), std::nullopt);
  EXPECT_EQ(ProjectedSpend(Usd(1), day, day.start_unix_ms + 6 * kHour), Usd(4));
  // 10 % of a two-hour period is 12 minutes, but an hour is the least.
  const budgets::Period short_period{0, 2 * kHour};
  EXPECT_EQ(ProjectedSpend(Usd(1), short_period, kHour / 2), std::nullopt);
  EXPECT_EQ(ProjectedSpend(Usd(1), short_period, kHour), Usd(2));
}

TEST(ProjectedSpend, NothingOutsideThePeriod) {
  EXPECT_EQ(ProjectedSpend(Usd(1), kMonth, kMonth.end_unix_ms), std::nullopt);
  EXPECT_EQ(ProjectedSpend(Usd(1), kMonth, kMonth.start_unix_ms - 1), std::nullopt);
}

TEST(ProjectedSpend, AProjectionPastMoneysRangeIsItsLargestValue) {
  EXPECT_EQ(ProjectedSpend(Money::FromPico(INT64_MAX / 2), kMonth, kMonth.start_unix_ms + 3 * kDay),
            Money::FromPico(INT64_MAX));
}

}  // namespace
}  // namespace costgate::central::alerts
