// Delivery retries: doubling waits up to the cap, given up after the last attempt.
#include "central/alerts/retry.h"

#include <gtest/gtest.h>

namespace costgate::central::alerts {
namespace {

constexpr RetryPolicy kPolicy{4, 1'000, 5'000};

TEST(BackoffMs, DoublesFromTheInitialWaitUpToTheCap) {
  EXPECT_EQ(BackoffMs(kPolicy, 1), 1'000);
  EXPECT_EQ(BackoffMs(kPolicy, 2), 2'000);
  EXPECT_EQ(BackoffMs(kPolicy, 3), 4'000);
  EXPECT_EQ(BackoffMs(kPolicy, 4), 5'000);
  EXPECT_EQ(BackoffMs(kPolicy, 60), 5'000);
}

TEST(AttemptEnded, ASentAttemptIsSentWhateverItsNumber) {
  const AttemptResult r = AttemptEnded(kPolicy, 7, 4, true, "HTTP 204", 100);
  EXPECT_EQ(r.outcome, kDeliverySent);
  EXPECT_EQ(r.delivery_id, 7);
  EXPECT_EQ(r.attempt, 4);
  EXPECT_EQ(r.ended_unix_ms, 100);
  EXPECT_EQ(r.detail, "HTTP 204");
}

TEST(AttemptEnded, AFailureIsRetriedAfterItsBackoffUntilTheLastAttempt) {
  const AttemptResult second = AttemptEnded(kPolicy, 7, 2, false, "HTTP 500", 100);
  EXPECT_EQ(second.outcome, kAttemptRetry);
  EXPECT_EQ(second.next_attempt_unix_ms, 2'100);
  const AttemptResult last = AttemptEnded(kPolicy, 7, 4, false, "HTTP 500", 100);
  EXPECT_EQ(last.outcome, kDeliveryFailed);
  EXPECT_EQ(last.detail, "HTTP 500");
}

}  // namespace
}  // namespace costgate::central::alerts
