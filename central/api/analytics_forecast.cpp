// GET /admin/v1/analytics/forecast (the range's filters and tz; `to`, default now, is the
// instant forecast from): what the local month holding `to` will have cost by its end, by the
// method of central/analytics/spend_forecast.h, with its 90 % band and the method named. The
// spend so far is the summary's for [start of month, to), so the two agree to the pico-dollar.
#include <algorithm>
#include <utility>

#include "central/analytics/spend_forecast.h"
#include "central/api/analytics_request.h"
#include "central/api/analytics_time.h"
#include "central/api/json_members.h"
#include "central/budgets/budget_period.h"
#include "central/budgets/civil_date.h"

namespace costgate::central {
namespace {

constexpr int64_t kForecastDayMs = 86'400'000;
constexpr int64_t kForecastHistoryDays = 28;

int LocalWeekday(int64_t unix_ms, const budgets::TimeZone& zone) {
  const budgets::CivilDate date = zone.LocalDateAt(budgets::FloorDiv(unix_ms, 1000));
  return budgets::WeekdayFromDays(budgets::DaysFromCivil(date));
}

// The cost over [from, to) with the request's filters; nullopt when the store fails.
std::optional<int64_t> CostOver(const Call& call, const AnalyticsRequest& request, int64_t from,
                                int64_t to) {
  if (from >= to) {
    return 0;
  }
  auto rows = AggregateFor(call, request, from, to, {});
  if (std::holds_alternative<ApiResponse>(rows)) {
    return std::nullopt;
  }
  int64_t cost = 0;
  for (const AnalyticsRow& row : std::get<std::vector<AnalyticsRow>>(rows)) {
    cost += row.measures.cost_pico;
  }
  return cost;
}

}  // namespace

ApiResponse HandleAnalyticsForecast(const Call& call) {
  std::variant<AnalyticsRequest, ApiResponse> read = ReadAnalyticsRequest(call, {});
  if (auto* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const AnalyticsRequest& request = std::get<AnalyticsRequest>(read);
  const budgets::TimeZone& zone = *request.zone;
  const int64_t at = request.to_unix_ms;
  const int64_t period_start = StartOfLocalMonth(at - 1, zone);
  const int64_t period_end = StartOfLocalMonth(period_start + 32 * kForecastDayMs, zone);

  // Local days from four weeks before today to the period's end: the last edge pair before
  // `at` is today.
  const std::vector<int64_t> past =
      BucketEdges(at - (kForecastHistoryDays + 1) * kForecastDayMs, at, BucketKind::kDay, zone);
  const int64_t today_start = past[past.size() - 2];
  const int64_t today_end = past.back();

  analytics::ForecastInput input;
  for (size_t i = 0; i + 2 < past.size(); ++i) {
    const std::optional<int64_t> day = CostOver(call, request, past[i], past[i + 1]);
    if (!day) {
      return StoreUnavailable();
    }
    input.history.push_back({LocalWeekday(past[i], zone), *day});
  }
  if (input.history.size() > static_cast<size_t>(kForecastHistoryDays)) {
    input.history.erase(input.history.begin(),
                        input.history.end() - static_cast<ptrdiff_t>(kForecastHistoryDays));
  }
  const std::optional<int64_t> spent = CostOver(call, request, period_start, at);
  const std::optional<int64_t> today = CostOver(call, request, today_start, at);
  if (!spent || !today) {
    return StoreUnavailable();
  }
  input.spent_pico = *spent;
  input.today_pico = *today;
  input.today_elapsed =
      static_cast<double>(at - today_start) / static_cast<double>(today_end - today_start);
  input.today_weekday = LocalWeekday(today_start, zone);
  if (today_end < period_end) {
    const std::vector<int64_t> left = BucketEdges(today_end, period_end, BucketKind::kDay, zone);
    for (size_t i = 0; i + 1 < left.size(); ++i) {
      input.days_left.push_back(LocalWeekday(left[i], zone));
    }
  }
  const analytics::SpendForecast forecast = analytics::ForecastPeriodEnd(input);

  ApiResponse response;
  std::string& out = response.body;
  out = "{";
  AppendRangeMembers(out, request);
  JsonMember(out, "period_start", budgets::LocalTimeText(period_start, zone));
  JsonMember(out, "period_end", budgets::LocalTimeText(period_end, zone));
  JsonMember(out, "method", analytics::kForecastMethod);
  JsonMember(out, "method_description", analytics::kForecastMethodText);
  JsonMoneyMembers(out, "spent", pricing::Money::FromPico(input.spent_pico));
  JsonMoneyMembers(out, "forecast", pricing::Money::FromPico(forecast.forecast_pico));
  JsonMoneyMembers(out, "low", pricing::Money::FromPico(forecast.low_pico));
  JsonMoneyMembers(out, "high", pricing::Money::FromPico(forecast.high_pico));
  JsonMoneyMembers(out, "daily_rate", pricing::Money::FromPico(forecast.daily_rate_pico));
  JsonMember(out, "history_days", static_cast<int64_t>(forecast.history_days));
  out += '}';
  return response;
}

}  // namespace costgate::central
