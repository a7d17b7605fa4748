// The lease rules every store applies: how much a sync grants, and when a lease runs low.
#include "central/store/ledger.h"

#include <gtest/gtest.h>

namespace costgate::central {
namespace {

using pricing::Money;

Money LedgerPico(int64_t pico) { return Money::FromPico(pico); }

TEST(LeaseGrant, IsHalfOfWhatRemainsSharedAmongHolders) {
  EXPECT_EQ(LeaseGrant(LedgerPico(1'000), {}, 1), LedgerPico(500));
  EXPECT_EQ(LeaseGrant(LedgerPico(1'000), {}, 4), LedgerPico(125));
}

TEST(LeaseGrant, MeetsANeedAboveTheShareButNeverExceedsWhatRemains) {
  EXPECT_EQ(LeaseGrant(LedgerPico(1'000), LedgerPico(700), 2), LedgerPico(700));
  EXPECT_EQ(LeaseGrant(LedgerPico(1'000), LedgerPico(5'000), 2), LedgerPico(1'000));
  EXPECT_EQ(LeaseGrant(LedgerPico(1'000), LedgerPico(10), 2), LedgerPico(250));  // share wins
}

TEST(LeaseGrant, IsZeroWhenNothingRemains) {
  EXPECT_EQ(LeaseGrant(LedgerPico(0), LedgerPico(10), 1), LedgerPico(0));
  EXPECT_EQ(LeaseGrant(LedgerPico(-5), LedgerPico(10), 1), LedgerPico(0));
}

TEST(LeaseRunsLow, WhenWhatIsUnusedIsBelowHalfTheShareANewGrantWouldGive) {
  // remaining 1000, 1 holder: share 500, half 250.
  EXPECT_FALSE(LeaseRunsLow(LedgerPico(500), LedgerPico(250), LedgerPico(1'000), 1));
  EXPECT_TRUE(LeaseRunsLow(LedgerPico(500), LedgerPico(251), LedgerPico(1'000), 1));
  EXPECT_TRUE(LeaseRunsLow(LedgerPico(500), LedgerPico(900), LedgerPico(1'000), 1));  // overused
  EXPECT_FALSE(LeaseRunsLow(LedgerPico(500), LedgerPico(500), LedgerPico(0), 1));  // nothing left
  EXPECT_TRUE(LeaseRunsLow(LedgerPico(0), LedgerPico(INT64_MAX), LedgerPico(INT64_MAX), 1));
}

}  // namespace
}  // namespace costgate::central
