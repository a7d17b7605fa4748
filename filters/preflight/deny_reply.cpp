#include "filters/preflight/deny_reply.h"

#include <chrono>
#include <cstdio>
#include <string>

#include "filters/local_reply.h"
#include "filters/provider_errors.h"
#include "pricing/money.h"

namespace costgate::filters::preflight {
namespace {

constexpr std::string_view kBudgetExhausted = "budget_exhausted";
constexpr std::string_view kOverCap = "over_per_request_cap";
constexpr std::string_view kCentralUnreachable = "central_unreachable";

// "2026-12-08T00:00:00Z"
std::string Iso8601Utc(int64_t unix_ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> at{milliseconds(unix_ms)};
  const sys_days day = floor<days>(at);
  const year_month_day date(day);
  const hh_mm_ss time(floor<seconds>(at - day));
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

// "budget Team A (bud_1)", "budget bud_1", or "a budget".
std::string BudgetName(const GateDecision& d) {
  if (d.budget_id.empty()) {
    return d.budget_name.empty() ? "a budget" : "budget " + d.budget_name;
  }
  return d.budget_name.empty() ? "budget " + d.budget_id
                               : "budget " + d.budget_name + " (" + d.budget_id + ")";
}

std::string Message(const Exchange& x, const GateDecision& d, std::string_view reason) {
  const std::string budget = BudgetName(d);
  if (reason == kBudgetExhausted) {
    std::string message = "costgate: " + budget + " is exhausted";
    if (d.reset_unix_ms > 0) {
      message += "; it resets at " + Iso8601Utc(d.reset_unix_ms);
    }
    return message;
  }
  if (reason == kOverCap) {
    const std::string estimate =
        x.estimated_cost.has_value()
            ? " (estimated at USD " + pricing::FormatUsd(*x.estimated_cost, 6) + ")"
            : std::string();
    return "costgate: this call" + estimate + " is over the per-request cap of " + budget;
  }
  if (reason == kCentralUnreachable) {
    return "costgate: the budget check could not reach central and preflight is fail-closed "
           "for " +
           budget + "; the call was not forwarded";
  }
  return "costgate: " + budget + " refused the call (" + std::string(reason) + ")";
}

}  // namespace

void SetDenyReply(Exchange& x, const GateDecision& decision) {
  const std::string_view reason =
      decision.reason.empty() ? kBudgetExhausted : std::string_view(decision.reason);
  const bool unavailable = reason == kCentralUnreachable;
  SetErrorReply(x, unavailable ? 503 : ProviderQuotaStatus(x.provider), reason,
                Message(x, decision, reason));
  Headers& headers = x.reply.headers;
  headers.Add("x-costgate-deny-reason", std::string(reason));
  if (!decision.budget_id.empty()) {
    headers.Add("x-costgate-budget", decision.budget_id);
  }
  // A refused call leaves its receipt (denied, cost 0) like any other: the app can find it.
  if (!x.event_id.empty()) {
    headers.Add("x-costgate-event-id", x.event_id);
  }
  if (unavailable) {
    return;
  }
  if (reason == kBudgetExhausted && decision.reset_unix_ms > 0) {
    // Whole seconds, rounded up so a client that waits them finds the new period begun.
    const int64_t ms = decision.reset_unix_ms - x.start_unix_ms;
    const int64_t seconds = ms > 0 ? (ms + 999) / 1000 : 1;
    headers.Add("retry-after", std::to_string(seconds));
  }
  headers.Add("x-should-retry", "false");
}

}  // namespace costgate::filters::preflight
