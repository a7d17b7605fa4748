// The period-end forecast: what a period (a month, a budget's period) will have cost by its end,
// with a confidence band, from the spend so far and the last weeks' daily spend.
//
// Method ("run rate with day-of-week weighting", kForecastMethod):
//  1. Day-of-week weights from the history (up to 28 whole local days before today):
//     w[d] = mean spend of weekday d / mean spend of all days; flat (1) with under 7 days of
//     history, and for a weekday the history does not have. Days before the first day with any
//     spend are not history (nothing was metered yet).
//  2. The run rate per weight unit from the most recent 14 days of history (recent traffic
//     counts, old traffic fades): r = sum(spend) / sum(w[weekday]).
//  3. Forecast = spent so far + r * w[today] * (the part of today still to come)
//               + r * sum(w[weekday]) over the whole days left in the period.
//  4. Band: the history's residuals e = spend - r * w[weekday] give a daily standard deviation
//     s; over n = days left (today's remaining part counted as its fraction), the band is the
//     forecast -/+ 1.645 * s * sqrt(n) (90 % if days were independent and normal), never below
//     the spend so far. With under 3 days of history s is taken as r (a wide band).
// With no history and under an hour of today, there is nothing to go on: the forecast is the
// spend so far, flagged by `history_days` = 0.
//
// Money in and out is integer pico-USD; the forecast is an estimate, rounded to whole pico-USD.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace costgate::central::analytics {

inline constexpr std::string_view kForecastMethod = "run_rate_day_of_week";
inline constexpr std::string_view kForecastMethodText =
    "run rate of the last 14 days weighted by day of week (weights from the last 28 days), "
    "applied to the days left in the period; band: 90 % from the daily residuals";

struct DaySpend {
  int weekday = 0;  // 0 = Monday .. 6 = Sunday, in the period's time zone
  int64_t pico = 0;
};

struct ForecastInput {
  std::vector<DaySpend> history;  // whole days before today, oldest first (the last 28 are used)
  int64_t spent_pico = 0;         // the period so far (exact: the dashboard's spend)
  int64_t today_pico = 0;         // today so far (part of spent_pico)
  double today_elapsed = 0;       // the part of today gone, 0..1
  int today_weekday = 0;
  std::vector<int> days_left;  // weekdays of the whole days after today up to the period's end
};

struct SpendForecast {
  int64_t forecast_pico = 0;
  int64_t low_pico = 0;
  int64_t high_pico = 0;
  int64_t daily_rate_pico = 0;         // r: a day of weight 1
  std::array<double, 7> weights = {};  // w, Monday first
  int history_days = 0;                // days of history used
};

SpendForecast ForecastPeriodEnd(const ForecastInput& input);

}  // namespace costgate::central::analytics
