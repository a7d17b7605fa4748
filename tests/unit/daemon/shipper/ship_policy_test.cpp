#include "daemon/shipper/ship_policy.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace costgate::daemon::shipper {
namespace {

constexpr Millis kAge{1000};
constexpr int64_t kNow = 1'763'800'000'000;

TEST(ShipDelay, AFullBatchGoesAtOnce) {
  EXPECT_EQ(ShipDelay(500, 500, kNow, kNow, kAge), Millis(0));
}

TEST(ShipDelay, APartialBatchWaitsWhatIsLeftOfBatchAge) {
  EXPECT_EQ(ShipDelay(3, 500, kNow - 300, kNow, kAge), Millis(700));
}

TEST(ShipDelay, APartialBatchWhoseOldestWaitedBatchAgeGoes) {
  EXPECT_EQ(ShipDelay(3, 500, kNow - 1000, kNow, kAge), Millis(0));
}

TEST(ShipDelay, NeverWaitsLongerThanBatchAgeWhenTheClockSteppedBack) {
  EXPECT_EQ(ShipDelay(3, 500, kNow + 60'000, kNow, kAge), kAge);
}

TEST(ShipDelay, NothingToSendWaitsBatchAge) {
  EXPECT_EQ(ShipDelay(0, 500, kNow, kNow, kAge), kAge);
}

TEST(ShipDelay, AHalvedLimitMakesASmallerBatchFull) {
  EXPECT_EQ(ShipDelay(250, 250, kNow, kNow, kAge), Millis(0));
}

TEST(ClassifyFailure, NoAnswerAndServerErrorsAreRetried) {
  EXPECT_EQ(ClassifyFailure(0), Failure::kRetry);
  EXPECT_EQ(ClassifyFailure(500), Failure::kRetry);
  EXPECT_EQ(ClassifyFailure(502), Failure::kRetry);
  EXPECT_EQ(ClassifyFailure(503), Failure::kRetry);
}

TEST(ClassifyFailure, TimeoutAndThrottlingAreRetried) {
  EXPECT_EQ(ClassifyFailure(408), Failure::kRetry);
  EXPECT_EQ(ClassifyFailure(429), Failure::kRetry);
}

TEST(ClassifyFailure, KeyAndRequestErrorsAreRefusals) {
  EXPECT_EQ(ClassifyFailure(400), Failure::kRefused);
  EXPECT_EQ(ClassifyFailure(401), Failure::kRefused);
  EXPECT_EQ(ClassifyFailure(403), Failure::kRefused);
  EXPECT_EQ(ClassifyFailure(404), Failure::kRefused);
}

TEST(ClassifyFailure, ARedirectIsARefusal) { EXPECT_EQ(ClassifyFailure(301), Failure::kRefused); }

TEST(ClassifyFailure, PayloadTooLargeIsItsOwnCase) {
  EXPECT_EQ(ClassifyFailure(413), Failure::kTooLarge);
}

constexpr Millis kFirst{500};
constexpr Millis kMax{60'000};

TEST(BackoffCeiling, StartsAtTheFirstDelay) { EXPECT_EQ(BackoffCeiling(1, kFirst, kMax), kFirst); }

TEST(BackoffCeiling, DoublesWithEachAttempt) {
  EXPECT_EQ(BackoffCeiling(2, kFirst, kMax), Millis(1000));
  EXPECT_EQ(BackoffCeiling(3, kFirst, kMax), Millis(2000));
}

TEST(BackoffCeiling, StopsAtTheMaximum) {
  EXPECT_EQ(BackoffCeiling(7, kFirst, kMax), Millis(32'000));
  EXPECT_EQ(BackoffCeiling(8, kFirst, kMax), kMax);
  EXPECT_EQ(BackoffCeiling(1'000'000, kFirst, kMax), kMax);
}

TEST(BackoffCeiling, AFirstDelayAboveTheMaximumIsCapped) {
  EXPECT_EQ(BackoffCeiling(1, Millis(90'000), kMax), kMax);
}

TEST(JitteredBackoff, SpansZeroToTheCeiling) {
  EXPECT_EQ(JitteredBackoff(3, kFirst, kMax, 0), Millis(0));
  EXPECT_EQ(JitteredBackoff(3, kFirst, kMax, 2000), Millis(2000));
  EXPECT_EQ(JitteredBackoff(3, kFirst, kMax, 2001), Millis(0));
}

TEST(JitteredBackoff, NeverExceedsTheCeiling) {
  for (uint64_t random : {uint64_t{1}, uint64_t{12345}, UINT64_MAX, UINT64_MAX / 3}) {
    for (uint32_t attempt = 1; attempt <= 12; ++attempt) {
      EXPECT_LE(JitteredBackoff(attempt, kFirst, kMax, random),
                BackoffCeiling(attempt, kFirst, kMax))
          << "attempt " << attempt << " random " << random;
    }
  }
}

TEST(BacklogCountInterval, IsASecondForAnOrdinaryBacklog) {
  EXPECT_EQ(BacklogCountInterval(0), Millis(1000));
  EXPECT_EQ(BacklogCountInterval(500'000), Millis(1000));
}

TEST(BacklogCountInterval, GrowsASecondPerMillionRows) {
  EXPECT_EQ(BacklogCountInterval(10'000'000), Millis(10'000));
}

TEST(HalvedBatchLimit, HalvesDownToOne) {
  EXPECT_EQ(HalvedBatchLimit(500), 250u);
  EXPECT_EQ(HalvedBatchLimit(3), 1u);
  EXPECT_EQ(HalvedBatchLimit(1), 1u);
}

}  // namespace
}  // namespace costgate::daemon::shipper
