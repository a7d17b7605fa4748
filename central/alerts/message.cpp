#include "central/alerts/message.h"

#include <array>
#include <cstdio>

#include "central/budgets/civil_date.h"

namespace costgate::central::alerts {
namespace {

__extension__ typedef __int128 Wide;

struct Clock {
  budgets::CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

Clock ClockAt(int64_t unix_seconds) {
  const int64_t days = budgets::FloorDiv(unix_seconds, 86'400);
  const int64_t in_day = budgets::FloorMod(unix_seconds, 86'400);
  return {budgets::CivilFromDays(days), static_cast<int>(in_day / 3600),
          static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60)};
}

std::string Quote(const std::string& name) { return "\"" + name + "\""; }

// "workspace ford, provider gemini", or "the whole organisation".
std::string ScopeText(const BudgetScope& scope) {
  const std::array<std::pair<const char*, const std::string*>, 8> fields = {{
      {"workspace", &scope.workspace},
      {"team", &scope.team},
      {"project", &scope.project},
      {"app", &scope.source_app},
      {"environment", &scope.environment},
      {"user", &scope.user},
      {"provider", &scope.provider},
      {"model", &scope.model},
  }};
  std::string text;
  for (const auto& [name, value] : fields) {
    if (!value->empty()) {
      text += (text.empty() ? "" : ", ") + std::string(name) + " " + *value;
    }
  }
  return text.empty() ? "the whole organisation" : text;
}

// Whole percent of the amount spent, rounded down; "" for a zero amount.
std::string PercentText(pricing::Money spent, pricing::Money amount) {
  if (amount.pico() <= 0) {
    return "";
  }
  return std::to_string(static_cast<int64_t>(Wide{spent.pico()} * 100 / amount.pico())) + "%";
}

std::string FirstParagraph(const Alert& alert, const std::string& reset) {
  const std::string who = "Budget " + Quote(alert.budget_name) + " (" + alert.budget_id + ")";
  const std::string amount = UsdText(alert.amount) + " " + alert.period + " amount";
  if (alert.kind == kAlertForecast) {
    const int64_t length = alert.period_end_unix_ms - alert.period_start_unix_ms;
    const int64_t elapsed = alert.fired_unix_ms - alert.period_start_unix_ms;
    const int64_t share = length > 0 ? static_cast<int64_t>(Wide{elapsed} * 100 / length) : 0;
    return who + " is forecast to exceed its " + amount +
           " before the period ends: " + UsdText(alert.spent) + " spent in the first " +
           std::to_string(share) + "% of the period projects " +
           UsdText(alert.projected.value_or(alert.spent)) + " by " + reset + ".";
  }
  const std::string percent = PercentText(alert.spent, alert.amount);
  return who + " has spent " + UsdText(alert.spent) + " of its " + amount +
         (percent.empty() ? "" : " (" + percent + ")") + ", reaching its " +
         std::to_string(alert.threshold_percent) + "% alert threshold.";
}

}  // namespace

std::string UsdText(pricing::Money amount) {
  const bool below_a_dollar = amount.pico() < pricing::kPicoPerUsd;
  std::string text = pricing::FormatUsd(amount, below_a_dollar ? 6 : 2);
  // Trailing zeros past the cents say nothing.
  while (below_a_dollar && text.size() > text.find('.') + 3 && text.back() == '0') {
    text.pop_back();
  }
  return "$" + text;
}

std::string LocalTimeText(int64_t unix_ms, const budgets::TimeZone& zone) {
  const int64_t seconds = budgets::FloorDiv(unix_ms, 1000);
  const Clock clock = ClockAt(seconds + zone.UtcOffsetSeconds(seconds));
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04lld-%02d-%02d %02d:%02d",
                static_cast<long long>(clock.date.year), clock.date.month, clock.date.day,
                clock.hour, clock.minute);
  return std::string(buffer.data()) + " " + zone.name();
}

std::string UtcTimeText(int64_t unix_ms) {
  const Clock clock = ClockAt(budgets::FloorDiv(unix_ms, 1000));
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04lld-%02d-%02dT%02d:%02d:%02dZ",
                static_cast<long long>(clock.date.year), clock.date.month, clock.date.day,
                clock.hour, clock.minute, clock.second);
  return buffer.data();
}

AlertMessage WriteAlertMessage(const Alert& alert, const Budget& budget,
                               const budgets::TimeZone& zone) {
  const std::string reset = LocalTimeText(alert.period_end_unix_ms, zone);
  AlertMessage message;
  if (alert.kind == kAlertForecast) {
    message.subject = "Budget " + Quote(alert.budget_name) + " is forecast to exceed " +
                      UsdText(alert.amount) + " by " + reset;
  } else {
    message.subject = "Budget " + Quote(alert.budget_name) + " reached " +
                      std::to_string(alert.threshold_percent) + "%: " + UsdText(alert.spent) +
                      " of " + UsdText(alert.amount) + " (" + alert.period + ", " +
                      alert.period_key + ")";
  }
  message.text = FirstParagraph(alert, reset) + "\n\n";
  message.text += "Period: " + alert.period_key + ", " +
                  LocalTimeText(alert.period_start_unix_ms, zone) + " to " + reset +
                  ". The budget resets at " + reset + " (" + UtcTimeText(alert.period_end_unix_ms) +
                  ").\n";
  message.text += "Covers: " + ScopeText(budget.scope) + ".\n";
  message.text += budget.hard_limit
                      ? "Limit: hard; calls it covers are denied once the amount is spent.\n"
                      : "Limit: soft; calls are never denied, this is an alert only.\n";
  message.text += "Spent " + UsdText(alert.spent) + " of " + UsdText(alert.amount) + " as of " +
                  UtcTimeText(alert.fired_unix_ms) + ".\n";
  return message;
}

}  // namespace costgate::central::alerts
