#include "central/alerts/decide.h"

#include <algorithm>
#include <limits>

#include "central/store/alert.h"

namespace costgate::central::alerts {
namespace {

__extension__ typedef __int128 Wide;  // products of a pico amount and a percent or a duration

bool Reached(pricing::Money spent, pricing::Money amount, int percent) {
  return spent.pico() > 0 && Wide{spent.pico()} * 100 >= Wide{amount.pico()} * percent;
}

}  // namespace

std::optional<pricing::Money> ProjectedSpend(pricing::Money spent, const budgets::Period& period,
                                             int64_t now_unix_ms) {
  const int64_t length = period.end_unix_ms - period.start_unix_ms;
  const int64_t elapsed = now_unix_ms - period.start_unix_ms;
  if (length <= 0 || elapsed <= 0 || now_unix_ms >= period.end_unix_ms) {
    return std::nullopt;
  }
  const bool long_enough = Wide{elapsed} * 100 >= Wide{length} * kForecastMinElapsedPercent &&
                           elapsed >= kForecastMinElapsedMs;
  if (!long_enough) {
    return std::nullopt;
  }
  const Wide projected = Wide{spent.pico()} * length / elapsed;
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  return pricing::Money::FromPico(projected > kMax ? kMax : static_cast<int64_t>(projected));
}

std::vector<DueAlert> DueAlerts(std::span<const int> thresholds_percent, pricing::Money amount,
                                pricing::Money spent, const budgets::Period& period,
                                int64_t now_unix_ms) {
  std::vector<DueAlert> due;
  if (now_unix_ms >= period.end_unix_ms && now_unix_ms - period.end_unix_ms > kLateWindowMs) {
    return due;
  }
  std::vector<int> thresholds(thresholds_percent.begin(), thresholds_percent.end());
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
  for (const int percent : thresholds) {
    if (percent > 0 && Reached(spent, amount, percent)) {
      due.push_back({kAlertThreshold, percent, std::nullopt});
    }
  }
  // A budget without thresholds asked for no alerts, the forecast included.
  const bool alerts_on = !thresholds.empty() && thresholds.back() > 0;
  if (alerts_on && spent.pico() > 0 && spent < amount) {
    if (std::optional<pricing::Money> projected = ProjectedSpend(spent, period, now_unix_ms);
        projected && *projected >= amount) {
      due.push_back({kAlertForecast, 100, projected});
    }
  }
  return due;
}

}  // namespace costgate::central::alerts
