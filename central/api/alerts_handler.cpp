// GET /admin/v1/alerts: the alert log, newest first, a page at a time.
//   ?limit=N    alerts per page, 1..200 (default 50)
//   ?before=ID  only alerts older than this one: pass the last id of a page for the next
// Answer: {"alerts":[{"id", "budget_id", "budget_name", "period", "period_key",
//   "period_start_unix_ms", "period_end_unix_ms", "kind", "threshold_percent", "fired_unix_ms",
//   "spent_usd", "amount_usd", "projected_usd" (null unless a forecast), "subject", "text",
//   "deliveries":[{"id", "channel", "target", "status", "attempts", "last_error",
//     "next_attempt_unix_ms", "sent_unix_ms" (null until sent),
//     "attempt_log":[{"attempt", "started_unix_ms", "ended_unix_ms", "outcome", "detail"}]}]}],
//  "next_before": the id to pass as before for the next page, null on the last page}
// A webhook's target shows its scheme, host and port only (alerts/targets.h DisplayTarget).
#include <limits>
#include <optional>
#include <string>
#include <variant>

#include "central/alerts/targets.h"
#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/json_members.h"
#include "config/scalars.h"

namespace costgate::central {
namespace {

constexpr uint64_t kDefaultPage = 50;
constexpr uint64_t kMaxPage = 200;

void AppendAttempt(std::string& out, const DeliveryAttempt& attempt) {
  out += '{';
  JsonMember(out, "attempt", attempt.attempt);
  JsonMember(out, "started_unix_ms", attempt.started_unix_ms);
  JsonMember(out, "ended_unix_ms", attempt.ended_unix_ms);
  JsonMember(out, "outcome", attempt.outcome);
  JsonMember(out, "detail", attempt.detail);
  out += '}';
}

void AppendDelivery(std::string& out, const Delivery& delivery) {
  out += '{';
  JsonMember(out, "id", delivery.id);
  JsonMember(out, "channel", delivery.to.channel);
  JsonMember(out, "target", alerts::DisplayTarget(delivery.to));
  JsonMember(out, "status", delivery.status);
  JsonMember(out, "attempts", delivery.attempts);
  JsonMember(out, "last_error", delivery.last_error);
  JsonMember(out, "next_attempt_unix_ms", delivery.next_attempt_unix_ms);
  JsonMember(out, "sent_unix_ms", delivery.sent_unix_ms);
  JsonMemberName(out, "attempt_log");
  out += '[';
  for (const DeliveryAttempt& attempt : delivery.log) {
    out += out.back() == '[' ? "" : ",";
    AppendAttempt(out, attempt);
  }
  out += "]}";
}

void AppendAlert(std::string& out, const AlertLogEntry& entry) {
  const Alert& alert = entry.alert;
  out += '{';
  JsonMember(out, "id", alert.id);
  JsonMember(out, "budget_id", alert.budget_id);
  JsonMember(out, "budget_name", alert.budget_name);
  JsonMember(out, "period", alert.period);
  JsonMember(out, "period_key", alert.period_key);
  JsonMember(out, "period_start_unix_ms", alert.period_start_unix_ms);
  JsonMember(out, "period_end_unix_ms", alert.period_end_unix_ms);
  JsonMember(out, "kind", alert.kind);
  JsonMember(out, "threshold_percent", alert.threshold_percent);
  JsonMember(out, "fired_unix_ms", alert.fired_unix_ms);
  JsonUsdMember(out, "spent_usd", alert.spent);
  JsonUsdMember(out, "amount_usd", alert.amount);
  JsonUsdMember(out, "projected_usd", alert.projected);
  JsonMember(out, "subject", alert.subject);
  JsonMember(out, "text", alert.text);
  JsonMemberName(out, "deliveries");
  out += '[';
  for (const Delivery& delivery : entry.deliveries) {
    out += out.back() == '[' ? "" : ",";
    AppendDelivery(out, delivery);
  }
  out += "]}";
}

// The query parameter `name` as an integer in [min, max]; `fallback` when absent.
std::variant<uint64_t, ApiResponse> QueryNumber(const Query& query, std::string_view name,
                                                uint64_t min, uint64_t max, uint64_t fallback) {
  const std::string* text = query.Find(name);
  if (text == nullptr) {
    return fallback;
  }
  config::Parsed<uint64_t> number = config::ParseUnsigned(*text, min, max);
  if (!number.value) {
    return ErrorResponse(400, "invalid_query", std::string(name) + ": " + number.error,
                         std::string(name));
  }
  return *number.value;
}

}  // namespace

ApiResponse HandleAlertLog(const Call& call) {
  std::variant<uint64_t, ApiResponse> limit =
      QueryNumber(call.query, "limit", 1, kMaxPage, kDefaultPage);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&limit)) {
    return std::move(*refused);
  }
  std::variant<uint64_t, ApiResponse> before =
      QueryNumber(call.query, "before", 1, std::numeric_limits<int64_t>::max(), 0);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&before)) {
    return std::move(*refused);
  }
  const uint64_t before_id = std::get<uint64_t>(before);
  StoreResult<std::vector<AlertLogEntry>> page = call.store.ListAlerts(
      static_cast<int64_t>(std::get<uint64_t>(limit)),
      before_id == 0 ? std::nullopt : std::optional<int64_t>(static_cast<int64_t>(before_id)));
  if (std::holds_alternative<StoreError>(page)) {
    return StoreUnavailable();
  }
  const std::vector<AlertLogEntry>& alerts = std::get<std::vector<AlertLogEntry>>(page);
  ApiResponse response;
  std::string& out = response.body;
  out = R"({"alerts":[)";
  for (const AlertLogEntry& entry : alerts) {
    out += out.back() == '[' ? "" : ",";
    AppendAlert(out, entry);
  }
  out += ']';
  // A full page may have more behind it; a short one is the last.
  JsonMember(out, "next_before",
             alerts.size() == std::get<uint64_t>(limit) ? std::optional(alerts.back().alert.id)
                                                        : std::nullopt);
  out += '}';
  return response;
}

}  // namespace costgate::central
