// How a delivery is retried: after attempt n fails, the next waits initial_backoff * 2^(n-1),
// capped at max_backoff; after max_attempts attempts it is given up ("failed"). No jitter: a
// delivery is one message to one receiver, not a crowd of clients, and the schedule stays
// predictable in the log. Pure: the clock is a parameter.
#pragma once

#include <cstdint>
#include <string>

#include "central/store/alert.h"

namespace costgate::central::alerts {

struct RetryPolicy {
  int max_attempts = 8;
  int64_t initial_backoff_ms = 30'000;
  int64_t max_backoff_ms = 3'600'000;
};

// The wait after failed attempt `attempt` (1, 2, ...).
int64_t BackoffMs(const RetryPolicy& policy, int attempt);

// The result to record for attempt `attempt` of delivery `delivery_id`, which ended at
// `now_unix_ms`: sent, or failed with `detail` and retried unless it was the last attempt.
AttemptResult AttemptEnded(const RetryPolicy& policy, int64_t delivery_id, int attempt, bool sent,
                           std::string detail, int64_t now_unix_ms);

}  // namespace costgate::central::alerts
