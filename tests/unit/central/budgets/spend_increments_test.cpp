// Which budgets an event counts against, in which period, by how much.
#include "central/budgets/spend_increments.h"

#include <gtest/gtest.h>

#include <vector>

namespace costgate::central::budgets {
namespace {

// 2025-11-30T23:30:00Z: still November in New York, already December in Tokyo.
constexpr int64_t kLateNovemberUtc = 1'764'545'400'000;

Event EventAt(int64_t start_unix_ms, std::optional<int64_t> cost_pico) {
  Event event;
  event.event_id = "e";
  event.start_unix_ms = start_unix_ms;
  event.workspace = "ford";
  event.team = "video";
  event.project = "p1";
  event.source_app = "app";
  event.environment = "prod";
  event.user = "u1";
  event.provider = "gemini";
  event.model = "gemini-2.5-flash";
  if (cost_pico) {
    event.cost = pricing::Money::FromPico(*cost_pico);
  }
  return event;
}

// A scope setting only `field`.
BudgetScope Only(std::string BudgetScope::*field, std::string value) {
  BudgetScope scope;
  scope.*field = std::move(value);
  return scope;
}

Budget BudgetIn(std::string id, std::string zone, BudgetScope scope = {}) {
  Budget budget;
  budget.id = std::move(id);
  budget.period = "monthly";
  budget.time_zone = std::move(zone);
  budget.scope = std::move(scope);
  return budget;
}

TEST(ScopeCovers, EachSetFieldMustEqualTheEvents) {
  const Event event = EventAt(kLateNovemberUtc, 1);
  EXPECT_TRUE(ScopeCovers({}, event));
  BudgetScope two = Only(&BudgetScope::workspace, "ford");
  two.model = "gemini-2.5-flash";
  EXPECT_TRUE(ScopeCovers(two, event));
  EXPECT_FALSE(ScopeCovers(Only(&BudgetScope::workspace, "other"), event));
  EXPECT_FALSE(ScopeCovers(Only(&BudgetScope::team, "x"), event));
  EXPECT_FALSE(ScopeCovers(Only(&BudgetScope::project, "x"), event));
  EXPECT_FALSE(ScopeCovers(Only(&BudgetScope::source_app, "x"), event));
  EXPECT_FALSE(ScopeCovers(Only(&BudgetScope::environment, "x"), event));
  EXPECT_FALSE(ScopeCovers(Only(&BudgetScope::user, "x"), event));
  EXPECT_FALSE(ScopeCovers(Only(&BudgetScope::provider, "x"), event));
  EXPECT_FALSE(ScopeCovers(Only(&BudgetScope::model, "x"), event));
}

TEST(SpendIncrementsFor, PutsTheEventInEachBudgetsOwnPeriodByCentralsCost) {
  ZoneCache zones;
  if (zones.Find("America/New_York") == nullptr || zones.Find("Asia/Tokyo") == nullptr) {
    GTEST_SKIP() << "tzdata is not installed";
  }
  const std::vector<Event> events = {EventAt(kLateNovemberUtc, 42)};
  const std::vector<Budget> budgets = {
      BudgetIn("ny", "America/New_York"), BudgetIn("tokyo", "Asia/Tokyo"),
      BudgetIn("other", "UTC", Only(&BudgetScope::workspace, "other"))};
  const auto increments = SpendIncrementsFor(events, budgets, zones);
  ASSERT_EQ(increments.size(), 1u);
  ASSERT_EQ(increments[0].size(), 2u);
  EXPECT_EQ(increments[0][0].budget_id, "ny");
  EXPECT_EQ(increments[0][0].period_key, "2025-11");
  EXPECT_EQ(increments[0][0].amount.pico(), 42);
  EXPECT_EQ(increments[0][1].budget_id, "tokyo");
  EXPECT_EQ(increments[0][1].period_key, "2025-12");
  EXPECT_LE(increments[0][1].period_start_unix_ms, kLateNovemberUtc);
  EXPECT_GT(increments[0][1].period_end_unix_ms, kLateNovemberUtc);
}

TEST(SpendIncrementsFor, AnUnpricedEventCountsAsACallAtZero) {
  ZoneCache zones;
  const std::vector<Event> events = {EventAt(kLateNovemberUtc, std::nullopt)};
  const std::vector<Budget> budgets = {BudgetIn("utc", "UTC")};
  const auto increments = SpendIncrementsFor(events, budgets, zones);
  ASSERT_EQ(increments[0].size(), 1u);
  EXPECT_EQ(increments[0][0].amount.pico(), 0);
  EXPECT_EQ(increments[0][0].period_key, "2025-11");
}

TEST(SpendIncrementsFor, ABudgetWithAnUnknownZoneOrPeriodCountsNothing) {
  ZoneCache zones;
  Budget bad_period = BudgetIn("p", "UTC");
  bad_period.period = "hourly";
  const std::vector<Event> events = {EventAt(kLateNovemberUtc, 1)};
  const std::vector<Budget> budgets = {BudgetIn("z", "Mars/Olympus_Mons"), bad_period};
  const auto increments = SpendIncrementsFor(events, budgets, zones);
  ASSERT_EQ(increments.size(), 1u);
  EXPECT_TRUE(increments[0].empty());
}

}  // namespace
}  // namespace costgate::central::budgets
