// Budget alerts as central's store keeps them (issue 14, "Alerts"): the alert a budget fired in
// one period, where it is to be delivered, and every attempt at delivering it. Plain values; what
// fires when is central/alerts/decide.h, the text of the message central/alerts/message.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pricing/money.h"

namespace costgate::central {

// "threshold": spend reached threshold_percent of the amount. "forecast": the period's run rate
// projects at least the whole amount before the period ends (threshold_percent 100).
inline constexpr std::string_view kAlertThreshold = "threshold";
inline constexpr std::string_view kAlertForecast = "forecast";

// One alert. (budget_id, period_key, kind, threshold_percent) is unique in the store: the store,
// not a process, decides that it fires once per period, whichever central replica saw it first.
struct Alert {
  int64_t id = 0;  // assigned by the store, increasing; ignored when writing
  std::string budget_id;
  std::string period_key;  // budgets::PeriodKey
  std::string kind;        // kAlertThreshold | kAlertForecast
  int threshold_percent = 0;
  int64_t fired_unix_ms = 0;
  pricing::Money spent;                     // the budget's spend in the period when it fired
  pricing::Money amount;                    // the budget's amount then
  std::optional<pricing::Money> projected;  // forecast: spend projected at the period's end
  // The budget and its period as they were when it fired (a budget may be renamed or deleted
  // before the message goes out).
  std::string budget_name;
  std::string period;  // "monthly", ...
  int64_t period_start_unix_ms = 0;
  int64_t period_end_unix_ms = 0;  // when the period resets
  // The message, written when it fired (central/alerts/message.h): every channel sends it.
  std::string subject;
  std::string text;

  friend bool operator==(const Alert&, const Alert&) = default;
};

inline constexpr std::string_view kChannelEmail = "email";
inline constexpr std::string_view kChannelWebhook = "webhook";

// Where an alert goes: an email to recipients ("a@example.com, b@example.com") through the
// configured SMTP server, or a POST to a webhook URL (its secret stays in the config).
struct DeliveryTarget {
  std::string channel;  // kChannelEmail | kChannelWebhook
  std::string target;

  friend bool operator==(const DeliveryTarget&, const DeliveryTarget&) = default;
};

inline constexpr std::string_view kDeliveryPending = "pending";
inline constexpr std::string_view kDeliverySent = "sent";
inline constexpr std::string_view kDeliveryFailed = "failed";
// An attempt's outcome: "sent" and "failed" as above (failed: given up, no attempt follows),
// "retry" (another attempt follows), "sending" (no end recorded yet).
inline constexpr std::string_view kAttemptRetry = "retry";
inline constexpr std::string_view kAttemptSending = "sending";

// One attempt at a delivery, as the alert log shows it.
struct DeliveryAttempt {
  int attempt = 0;  // 1, 2, ...
  int64_t started_unix_ms = 0;
  int64_t ended_unix_ms = 0;  // 0 while in flight (or when the process died during it)
  std::string outcome;        // kAttemptSending, kDeliverySent, kAttemptRetry, kDeliveryFailed
  std::string detail;         // "HTTP 500", "250 OK", curl's error; never a secret

  friend bool operator==(const DeliveryAttempt&, const DeliveryAttempt&) = default;
};

struct Delivery {
  int64_t id = 0;  // assigned by the store
  int64_t alert_id = 0;
  DeliveryTarget to;
  int attempts = 0;    // attempts started
  std::string status;  // kDeliveryPending | kDeliverySent | kDeliveryFailed
  std::string last_error;
  int64_t next_attempt_unix_ms = 0;  // pending: not before this (also a claim's expiry)
  std::optional<int64_t> sent_unix_ms;
  std::vector<DeliveryAttempt> log;  // ListAlerts only: oldest first

  friend bool operator==(const Delivery&, const Delivery&) = default;
};

// A delivery one process has claimed for one attempt, with the alert it carries.
struct ClaimedDelivery {
  Delivery delivery;  // attempts counts this one
  Alert alert;
};

// What became of a claimed attempt.
struct AttemptResult {
  int64_t delivery_id = 0;
  int attempt = 0;
  int64_t ended_unix_ms = 0;
  std::string outcome;  // kDeliverySent, kAttemptRetry (pending again from next_attempt_unix_ms),
                        // kDeliveryFailed
  std::string detail;
  int64_t next_attempt_unix_ms = 0;  // "retry" only
};

// Deliveries claimed by ClaimDeliveries, and when the next pending one is due (nullopt: none is
// pending), so the sender knows how long it may sleep.
struct DeliveryClaims {
  std::vector<ClaimedDelivery> claimed;
  std::optional<int64_t> next_due_unix_ms;
};

// An alert with its deliveries, for the alert log.
struct AlertLogEntry {
  Alert alert;
  std::vector<Delivery> deliveries;  // oldest first
};

}  // namespace costgate::central
