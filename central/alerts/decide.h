// Which alerts a budget is due in one period (issue 14, "Alerts"). Pure: the spend, the period
// and the instant are parameters; whether an alert already fired is the store's to decide
// (Store::RecordAlert), so a due alert is recorded, and sent, once per period however often it is
// found due.
//
// Thresholds: threshold t is reached when spent >= t% of the amount (and something was spent).
// A jump over several thresholds makes each of them due, lowest first: each is its own alert,
// with its own message, so the log and the inbox say which thresholds a period crossed.
//
// Forecast ("forecast to exceed"): due when the period's run rate so far projects at least the
// whole amount by the period's end:
//     projected = spent * period_length / elapsed,  elapsed = now - period_start
// but only once elapsed >= max(kForecastMinElapsedPercent % of the period, kForecastMinElapsedMs)
// (so a first call of the month, $0.40 of $15 in its first minute, projects nothing), only
// while the period runs (now < end), only while spent < amount (at 100 % the threshold alert
// says more than a forecast could), and only for a budget with thresholds: one without asked for
// no alerts at all.
//
// A period that ended more than kLateWindowMs before `now` is due nothing: events shipped very
// late, or a backfill of old months, never page anyone about a period long over.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "central/budgets/period.h"
#include "pricing/money.h"

namespace costgate::central::alerts {

inline constexpr int kForecastMinElapsedPercent = 10;
inline constexpr int64_t kForecastMinElapsedMs = 3'600'000;  // one hour
inline constexpr int64_t kLateWindowMs = 86'400'000;         // one day

struct DueAlert {
  std::string_view kind;      // kAlertThreshold | kAlertForecast (central/store/alert.h)
  int threshold_percent = 0;  // forecast: 100
  std::optional<pricing::Money> projected;  // forecast only

  friend bool operator==(const DueAlert&, const DueAlert&) = default;
};

// The spend projected at the period's end from its run rate at `now`; nullopt when the period
// has not run long enough for a forecast, has ended, or has not begun. A projection past what
// Money holds is its largest value.
std::optional<pricing::Money> ProjectedSpend(pricing::Money spent, const budgets::Period& period,
                                             int64_t now_unix_ms);

// The alerts due for a budget of `amount` with `thresholds_percent` (any order; values <= 0
// ignored) that has spent `spent` in `period`, at `now_unix_ms`: reached thresholds lowest
// first, then the forecast.
std::vector<DueAlert> DueAlerts(std::span<const int> thresholds_percent, pricing::Money amount,
                                pricing::Money spent, const budgets::Period& period,
                                int64_t now_unix_ms);

}  // namespace costgate::central::alerts
