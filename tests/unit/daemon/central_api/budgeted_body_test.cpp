#include "daemon/central_api/budgeted_body.h"

#include <gtest/gtest.h>

#include <string>

namespace costgate::daemon::central_api {
namespace {

TEST(BudgetedBody, ADeclaredLengthIsPaidForAtOnceAndFilledWithoutMore) {
  BodyBudget budget(1000);
  BodyBudget::Reservation reservation(budget);
  BudgetedBody body(800, reservation);
  ASSERT_TRUE(body.Expect(600));
  EXPECT_EQ(budget.buffered(), 600u);
  body.Write(std::string(600, 'x'));
  EXPECT_EQ(body.state(), BudgetedBody::State::kOk);
  EXPECT_EQ(body.text().size(), 600u);
  EXPECT_EQ(budget.buffered(), 600u);
}

TEST(BudgetedBody, ADeclaredLengthOverTheBudgetIsRefusedBeforeAnyByte) {
  BodyBudget budget(1000);
  BodyBudget::Reservation held(budget);
  ASSERT_TRUE(held.Grow(500));
  BodyBudget::Reservation reservation(budget);
  BudgetedBody body(800, reservation);
  EXPECT_FALSE(body.Expect(600));
  EXPECT_EQ(body.state(), BudgetedBody::State::kOverBudget);
  EXPECT_EQ(budget.buffered(), 500u);
  EXPECT_EQ(budget.refusals(), 1u);
}

TEST(BudgetedBody, ADeclaredLengthOverItsLimitIsTooLarge) {
  BodyBudget budget(1000);
  BodyBudget::Reservation reservation(budget);
  BudgetedBody body(100, reservation);
  EXPECT_FALSE(body.Expect(101));
  EXPECT_EQ(body.state(), BudgetedBody::State::kTooLarge);
  EXPECT_EQ(budget.buffered(), 0u);
}

// A chunked body (or a decoded one) of unknown length pays for each growth of its buffer first.
TEST(BudgetedBody, AnUndeclaredBodyPaysAsItGrowsAndStopsWhenTheBudgetRunsOut) {
  BodyBudget budget(1000);
  BodyBudget::Reservation other(budget);
  ASSERT_TRUE(other.Grow(500));
  BodyBudget::Reservation reservation(budget);
  BudgetedBody body(10'000, reservation);
  for (int i = 0; i < 10; ++i) {
    body.Write(std::string(100, 'x'));
    ASSERT_LE(budget.buffered(), 1000u);
    ASSERT_GE(budget.buffered(), body.text().size());
    if (body.state() != BudgetedBody::State::kOk) {
      break;
    }
  }
  EXPECT_EQ(body.state(), BudgetedBody::State::kOverBudget);
  EXPECT_EQ(body.text().size(), 500u);
  EXPECT_EQ(budget.refusals(), 1u);
}

// Waiting cannot help a request that needs more than the whole budget: 413, not 503.
TEST(BudgetedBody, ABodyThatCouldNeverFitIsTooLargeNotOverBudget) {
  BodyBudget budget(1000);
  BodyBudget::Reservation reservation(budget);
  BudgetedBody declared(5000, reservation);
  EXPECT_FALSE(declared.Expect(1001));
  EXPECT_EQ(declared.state(), BudgetedBody::State::kTooLarge);
  BudgetedBody growing(5000, reservation);
  growing.Write(std::string(1000, 'x'));
  growing.Write("y");
  EXPECT_EQ(growing.state(), BudgetedBody::State::kTooLarge);
  EXPECT_EQ(budget.refusals(), 0u);
}

TEST(BudgetedBody, AnUndeclaredBodyPastItsLimitIsTooLarge) {
  BodyBudget budget(1'000'000);
  BodyBudget::Reservation reservation(budget);
  BudgetedBody body(250, reservation);
  body.Write(std::string(200, 'x'));
  body.Write(std::string(51, 'x'));
  EXPECT_EQ(body.state(), BudgetedBody::State::kTooLarge);
  EXPECT_EQ(body.text().size(), 200u);
  body.Write("more");  // ignored once over
  EXPECT_EQ(body.text().size(), 200u);
}

TEST(BudgetedBody, TwoBodiesOfOneRequestShareItsReservation) {
  BodyBudget budget(1000);
  {
    BodyBudget::Reservation reservation(budget);
    BudgetedBody raw(1000, reservation);
    BudgetedBody decoded(1000, reservation);
    ASSERT_TRUE(raw.Expect(400));
    decoded.Write(std::string(500, 'd'));
    EXPECT_EQ(decoded.state(), BudgetedBody::State::kOk);
    EXPECT_EQ(reservation.held(), budget.buffered());
    decoded.Write(std::string(500, 'd'));  // 400 + 1000 > 1000, even with the budget to itself
    EXPECT_EQ(decoded.state(), BudgetedBody::State::kTooLarge);
  }
  EXPECT_EQ(budget.buffered(), 0u);
}

}  // namespace
}  // namespace costgate::daemon::central_api
