#include "central/analytics/spend_forecast.h"

#include <algorithm>
#include <cmath>

namespace costgate::central::analytics {
namespace {

constexpr size_t kWeightDays = 28;
constexpr size_t kRateDays = 14;
constexpr double kBandZ = 1.645;

std::array<double, 7> WeekdayWeights(const std::vector<DaySpend>& days) {
  std::array<double, 7> weights;
  weights.fill(1.0);
  if (days.size() < 7) {
    return weights;
  }
  std::array<double, 7> sum = {};
  std::array<int, 7> count = {};
  double total = 0;
  for (const DaySpend& day : days) {
    sum[static_cast<size_t>(day.weekday)] += static_cast<double>(day.pico);
    ++count[static_cast<size_t>(day.weekday)];
    total += static_cast<double>(day.pico);
  }
  const double mean = total / static_cast<double>(days.size());
  if (mean <= 0) {
    return weights;
  }
  for (size_t d = 0; d < 7; ++d) {
    if (count[d] > 0) {
      weights[d] = sum[d] / count[d] / mean;
    }
  }
  return weights;
}

}  // namespace

SpendForecast ForecastPeriodEnd(const ForecastInput& input) {
  SpendForecast out;
  const size_t used = std::min(input.history.size(), kWeightDays);
  auto first = input.history.end() - static_cast<ptrdiff_t>(used);
  // Days before the first spend are days before anything was metered (a new install, a new
  // project), not days that cost nothing: they would drag the rate towards zero.
  while (first != input.history.end() && first->pico == 0) {
    ++first;
  }
  const std::vector<DaySpend> history(first, input.history.end());
  out.history_days = static_cast<int>(history.size());
  out.weights = WeekdayWeights(history);
  const auto weight = [&](int weekday) { return out.weights[static_cast<size_t>(weekday)]; };

  double rate = 0;
  if (!history.empty()) {
    const size_t from = history.size() > kRateDays ? history.size() - kRateDays : 0;
    double spend = 0;
    double weights = 0;
    for (size_t i = from; i < history.size(); ++i) {
      spend += static_cast<double>(history[i].pico);
      weights += weight(history[i].weekday);
    }
    rate = weights > 0 ? spend / weights : 0;
  } else if (input.today_elapsed >= 1.0 / 24) {
    // No whole day yet: today's pace is all there is.
    rate =
        static_cast<double>(input.today_pico) / input.today_elapsed / weight(input.today_weekday);
  }
  out.daily_rate_pico = std::llround(rate);

  const double today_left = std::clamp(1.0 - input.today_elapsed, 0.0, 1.0);
  double expected = rate * weight(input.today_weekday) * today_left;
  for (int weekday : input.days_left) {
    expected += rate * weight(weekday);
  }

  double deviation = rate;
  if (history.size() >= 3) {
    double squares = 0;
    for (const DaySpend& day : history) {
      const double residual = static_cast<double>(day.pico) - rate * weight(day.weekday);
      squares += residual * residual;
    }
    deviation = std::sqrt(squares / static_cast<double>(history.size() - 1));
  }
  const double days = today_left + static_cast<double>(input.days_left.size());
  const double half_band = kBandZ * deviation * std::sqrt(days);

  const double spent = static_cast<double>(input.spent_pico);
  out.forecast_pico = input.spent_pico + std::llround(expected);
  out.low_pico = std::max<int64_t>(input.spent_pico, std::llround(spent + expected - half_band));
  out.high_pico = std::llround(spent + expected + half_band);
  return out;
}

}  // namespace costgate::central::analytics
