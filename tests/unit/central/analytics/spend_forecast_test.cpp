#include "central/analytics/spend_forecast.h"

#include <gtest/gtest.h>

namespace costgate::central::analytics {
namespace {

constexpr int64_t kUsd = 1'000'000'000'000;

// Four weeks where weekdays cost $10 and weekend days $2, starting on a Monday.
std::vector<DaySpend> SteadyWeeks() {
  std::vector<DaySpend> days;
  for (int i = 0; i < 28; ++i) {
    const int weekday = i % 7;
    days.push_back({weekday, weekday >= 5 ? 2 * kUsd : 10 * kUsd});
  }
  return days;
}

TEST(SpendForecast, SteadyTrafficIsForecastExactlyWithANarrowBand) {
  ForecastInput input;
  input.history = SteadyWeeks();
  input.spent_pico = 100 * kUsd;
  input.today_weekday = 0;  // a Monday, half gone, $5 so far
  input.today_pico = 5 * kUsd;
  input.today_elapsed = 0.5;
  input.days_left = {1, 2, 3, 4, 5, 6};  // the rest of the week
  const SpendForecast f = ForecastPeriodEnd(input);
  // $5 more today, 4 weekdays * $10, 2 weekend days * $2.
  EXPECT_EQ(f.forecast_pico, 100 * kUsd + 5 * kUsd + 40 * kUsd + 4 * kUsd);
  EXPECT_NEAR(f.weights[0] / f.weights[6], 5.0, 1e-9);
  EXPECT_EQ(f.history_days, 28);
  // No residuals: the band closes on the forecast.
  EXPECT_EQ(f.low_pico, f.forecast_pico);
  EXPECT_EQ(f.high_pico, f.forecast_pico);
}

TEST(SpendForecast, NoisyTrafficGivesABandAroundTheForecastNeverBelowTheSpend) {
  ForecastInput input;
  input.history = SteadyWeeks();
  for (size_t i = 0; i < input.history.size(); ++i) {
    input.history[i].pico += (i % 2 == 0 ? 1 : -1) * 2 * kUsd;  // +-$2 a day
  }
  input.spent_pico = 10 * kUsd;
  input.today_weekday = 2;
  input.today_elapsed = 0.25;
  input.today_pico = 2 * kUsd;
  input.days_left = {3, 4, 5, 6, 0, 1, 2, 3, 4, 5};
  const SpendForecast f = ForecastPeriodEnd(input);
  EXPECT_GT(f.high_pico, f.forecast_pico);
  EXPECT_LT(f.low_pico, f.forecast_pico);
  EXPECT_GE(f.low_pico, input.spent_pico);
  // The band grows with the days left.
  ForecastInput shorter = input;
  shorter.days_left.resize(2);
  const SpendForecast g = ForecastPeriodEnd(shorter);
  EXPECT_LT(g.high_pico - g.low_pico, f.high_pico - f.low_pico);
}

TEST(SpendForecast, RecentDaysSetTheRate) {
  // The last two weeks cost twice the two before: the rate follows the recent ones.
  ForecastInput input;
  for (int i = 0; i < 28; ++i) {
    input.history.push_back({i % 7, (i < 14 ? 5 : 10) * kUsd});
  }
  input.today_weekday = 0;
  input.days_left = {1, 2};
  const SpendForecast f = ForecastPeriodEnd(input);
  EXPECT_EQ(f.daily_rate_pico, 10 * kUsd);
  EXPECT_EQ(f.forecast_pico, 30 * kUsd);  // all of today and two days at $10
}

TEST(SpendForecast, WithoutHistoryTodaysPaceIsUsedAndWithoutEitherNothingIsAdded) {
  ForecastInput input;
  input.today_weekday = 3;
  input.today_pico = 6 * kUsd;
  input.spent_pico = 6 * kUsd;
  input.today_elapsed = 0.5;
  input.days_left = {4, 5};
  const SpendForecast f = ForecastPeriodEnd(input);
  EXPECT_EQ(f.daily_rate_pico, 12 * kUsd);
  EXPECT_EQ(f.forecast_pico, 6 * kUsd + 6 * kUsd + 24 * kUsd);
  EXPECT_EQ(f.history_days, 0);
  EXPECT_GT(f.high_pico, f.forecast_pico);

  input.today_elapsed = 0.01;  // under an hour: no pace yet
  const SpendForecast none = ForecastPeriodEnd(input);
  EXPECT_EQ(none.forecast_pico, input.spent_pico);
}

TEST(SpendForecast, DaysBeforeTheFirstSpendAreNotHistory) {
  // A new install: 25 silent days, then three days of $6: the rate is $6, not $18 / 28.
  ForecastInput input;
  for (int i = 0; i < 28; ++i) {
    input.history.push_back({i % 7, i < 25 ? 0 : 6 * kUsd});
  }
  input.today_weekday = 0;
  input.today_elapsed = 1.0;
  input.days_left = {1, 2};
  const SpendForecast f = ForecastPeriodEnd(input);
  EXPECT_EQ(f.history_days, 3);
  EXPECT_EQ(f.daily_rate_pico, 6 * kUsd);
  EXPECT_EQ(f.forecast_pico, 12 * kUsd);
}

TEST(SpendForecast, AWeekdayMissingFromShortHistoryWeighsOne) {
  ForecastInput input;
  for (int i = 0; i < 10; ++i) {
    input.history.push_back({i % 5, 4 * kUsd});  // weekdays only
  }
  input.today_weekday = 4;
  input.today_elapsed = 1.0;
  input.days_left = {5, 6};
  const SpendForecast f = ForecastPeriodEnd(input);
  EXPECT_DOUBLE_EQ(f.weights[5], 1.0);
  EXPECT_EQ(f.forecast_pico, 8 * kUsd);
}

}  // namespace
}  // namespace costgate::central::analytics
