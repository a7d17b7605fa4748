#include "central/budgets/budget_period.h"

#include <gtest/gtest.h>

#include "tests/unit/central/budgets/zone_helpers.h"

namespace costgate::central::budgets {
namespace {

using testing::CraftedZone;
using testing::CraftTzif;
using testing::UtcSeconds;

Budget PeriodTestBudget(std::string period, std::string zone) {
  Budget budget;
  budget.id = "bud_1";
  budget.period = std::move(period);
  budget.time_zone = std::move(zone);
  return budget;
}

TEST(BudgetPeriodAt, IsTheBudgetsPeriodAndKeyInItsZone) {
  ZoneCache zones;
  const int64_t at = UtcSeconds(2025, 11, 22, 8) * 1000;
  const std::optional<BudgetPeriod> found =
      BudgetPeriodAt(PeriodTestBudget("monthly", "UTC"), at, zones);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->key, "2025-11");
  EXPECT_EQ(found->period.start_unix_ms, UtcSeconds(2025, 11, 1) * 1000);
  EXPECT_EQ(found->period.end_unix_ms, UtcSeconds(2025, 12, 1) * 1000);
  ASSERT_NE(found->zone, nullptr);
  EXPECT_EQ(found->zone->name(), "UTC");
}

TEST(BudgetPeriodAt, AnUnknownPeriodOrZoneHasNone) {
  ZoneCache zones;
  EXPECT_FALSE(BudgetPeriodAt(PeriodTestBudget("yearly", "UTC"), 0, zones));
  EXPECT_FALSE(BudgetPeriodAt(PeriodTestBudget("daily", "Nowhere/Atlantis"), 0, zones));
}

TEST(LocalTimeText, UtcEndsInZ) {
  EXPECT_EQ(LocalTimeText(UtcSeconds(2025, 12, 1) * 1000 + 999, TimeZone::Utc()),
            "2025-12-01T00:00:00Z");
}

TEST(LocalTimeText, OtherZonesCarryTheirOffset) {
  CraftedZone plus_one;
  plus_one.type_offsets = {3600};
  plus_one.footer = "CET-1";
  const auto east = TimeZone::FromTzif("Test/East", CraftTzif(plus_one));
  ASSERT_TRUE(std::holds_alternative<TimeZone>(east));
  EXPECT_EQ(LocalTimeText(UtcSeconds(2025, 11, 30, 23) * 1000, std::get<TimeZone>(east)),
            "2025-12-01T00:00:00+01:00");

  CraftedZone minus;
  minus.type_offsets = {-(5 * 3600 + 30 * 60)};
  minus.footer = "XYZ5:30";
  const auto west = TimeZone::FromTzif("Test/West", CraftTzif(minus));
  ASSERT_TRUE(std::holds_alternative<TimeZone>(west));
  EXPECT_EQ(LocalTimeText(UtcSeconds(1969, 12, 31, 5) * 1000, std::get<TimeZone>(west)),
            "1969-12-30T23:30:00-05:30");
}

}  // namespace
}  // namespace costgate::central::budgets
