#include "central/alerts/retry.h"

#include <algorithm>
#include <utility>

namespace costgate::central::alerts {

int64_t BackoffMs(const RetryPolicy& policy, int attempt) {
  int64_t wait = std::max<int64_t>(policy.initial_backoff_ms, 0);
  for (int i = 1; i < attempt && wait < policy.max_backoff_ms; ++i) {
    wait *= 2;
  }
  return std::min(wait, policy.max_backoff_ms);
}

AttemptResult AttemptEnded(const RetryPolicy& policy, int64_t delivery_id, int attempt, bool sent,
                           std::string detail, int64_t now_unix_ms) {
  AttemptResult result;
  result.delivery_id = delivery_id;
  result.attempt = attempt;
  result.ended_unix_ms = now_unix_ms;
  result.detail = std::move(detail);
  if (sent) {
    result.outcome = kDeliverySent;
  } else if (attempt >= policy.max_attempts) {
    result.outcome = kDeliveryFailed;
  } else {
    result.outcome = kAttemptRetry;
    result.next_attempt_unix_ms = now_unix_ms + BackoffMs(policy, attempt);
  }
  return result;
}

}  // namespace costgate::central::alerts
