#include "daemon/central_api/body_budget.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <thread>
#include <utility>
#include <vector>

namespace costgate::daemon::central_api {
namespace {

TEST(BodyBudget, GrantsUpToTheLimitAndRefusesBeyondIt) {
  BodyBudget budget(100);
  BodyBudget::Reservation a(budget);
  BodyBudget::Reservation b(budget);
  EXPECT_TRUE(a.Grow(60));
  EXPECT_TRUE(b.Grow(40));
  EXPECT_EQ(budget.buffered(), 100u);
  EXPECT_FALSE(b.Grow(1));
  EXPECT_EQ(b.held(), 40u);  // a refused growth takes nothing
  EXPECT_EQ(budget.refusals(), 1u);
}

TEST(BodyBudget, AReservationGivesEverythingBackWhenItEnds) {
  BodyBudget budget(100);
  {
    BodyBudget::Reservation r(budget);
    ASSERT_TRUE(r.Grow(30));
    ASSERT_TRUE(r.Grow(70));
    EXPECT_EQ(budget.buffered(), 100u);
  }
  EXPECT_EQ(budget.buffered(), 0u);
  BodyBudget::Reservation next(budget);
  EXPECT_TRUE(next.Grow(100));
}

TEST(BodyBudget, AMovedReservationIsGivenBackOnce) {
  BodyBudget budget(100);
  {
    BodyBudget::Reservation first(budget);
    ASSERT_TRUE(first.Grow(50));
    BodyBudget::Reservation second(std::move(first));
    EXPECT_EQ(second.held(), 50u);
    EXPECT_EQ(budget.buffered(), 50u);
  }
  EXPECT_EQ(budget.buffered(), 0u);
}

// A hostile Content-Length near 2^64 must not wrap the arithmetic into a grant.
TEST(BodyBudget, AHugeRequestIsRefusedNotWrapped) {
  BodyBudget budget(100);
  BodyBudget::Reservation small(budget);
  ASSERT_TRUE(small.Grow(10));
  BodyBudget::Reservation huge(budget);
  EXPECT_FALSE(huge.Grow(std::numeric_limits<uint64_t>::max() - 5));
  EXPECT_EQ(budget.buffered(), 10u);
}

TEST(BodyBudget, ConcurrentReservationsNeverExceedTheLimit) {
  BodyBudget budget(1000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&budget] {
      for (int i = 0; i < 20'000; ++i) {
        BodyBudget::Reservation r(budget);
        if (r.Grow(300)) {
          EXPECT_LE(budget.buffered(), 1000u);
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(budget.buffered(), 0u);
}

}  // namespace
}  // namespace costgate::daemon::central_api
