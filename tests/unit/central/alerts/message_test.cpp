// The words of an alert: subject and text name the budget, the threshold or the forecast, spent
// against the amount, the period and when it resets.
#include "central/alerts/message.h"

#include <gtest/gtest.h>

#include "central/budgets/civil_date.h"
#include "tests/unit/central/budgets/zone_helpers.h"

namespace costgate::central::alerts {
namespace {

using pricing::Money;

int64_t MessageUtcMs(int64_t year, int month, int day, int64_t hours = 0) {
  return budgets::testing::UtcSeconds(year, month, day, hours) * 1000;
}

Budget TeamVideo() {
  Budget b;
  b.id = "bud_0123456789ab";
  b.name = "Team video";
  b.scope.workspace = "ford";
  b.scope.provider = "gemini";
  b.period = "monthly";
  b.amount = Money::FromPico(15'000'000'000'000);
  b.hard_limit = true;
  return b;
}

Alert ThresholdAlert() {
  Alert a;
  a.budget_id = "bud_0123456789ab";
  a.budget_name = "Team video";
  a.period_key = "2026-12";
  a.period = "monthly";
  a.kind = std::string(kAlertThreshold);
  a.threshold_percent = 80;
  a.spent = Money::FromPico(12'340'000'000'000);
  a.amount = Money::FromPico(15'000'000'000'000);
  a.period_start_unix_ms = MessageUtcMs(2026, 12, 1);
  a.period_end_unix_ms = MessageUtcMs(2027, 1, 1);
  a.fired_unix_ms = MessageUtcMs(2026, 12, 20, 10);
  return a;
}

TEST(WriteAlertMessage, AThresholdNamesBudgetShareSpentAmountPeriodAndReset) {
  const AlertMessage m = WriteAlertMessage(ThresholdAlert(), TeamVideo(), budgets::TimeZone::Utc());
  EXPECT_EQ(m.subject, "Budget \"Team video\" reached 80%: $12.34 of $15.00 (monthly, 2026-12)");
  EXPECT_EQ(m.text,
            "Budget \"Team video\" (bud_0123456789ab) has spent $12.34 of its $15.00 monthly "
            "amount (82%), reaching its 80% alert threshold.\n"
            "\n"
            "Period: 2026-12, 2026-12-01 00:00 UTC to 2027-01-01 00:00 UTC. The budget resets at "
            "2027-01-01 00:00 UTC (2027-01-01T00:00:00Z).\n"
            "Covers: workspace ford, provider gemini.\n"
            "Limit: hard; calls it covers are denied once the amount is spent.\n"
            "Spent $12.34 of $15.00 as of 2026-12-20T10:00:00Z.\n");
  EXPECT_EQ(m.text.find("http"), std::string::npos);  // link-free
}

TEST(WriteAlertMessage, AForecastSaysHowFarIntoThePeriodAndWhatItProjects) {
  Alert a = ThresholdAlert();
  a.kind = std::string(kAlertForecast);
  a.threshold_percent = 100;
  a.spent = Money::FromPico(6'000'000'000'000);
  a.projected = Money::FromPico(20'000'000'000'000);
  a.fired_unix_ms = MessageUtcMs(2026, 12, 10, 8);  // 9 1/3 of 31 days: 30 %
  Budget soft = TeamVideo();
  soft.hard_limit = false;
  soft.scope = {};
  const AlertMessage m = WriteAlertMessage(a, soft, budgets::TimeZone::Utc());
  EXPECT_EQ(m.subject,
            "Budget \"Team video\" is forecast to exceed $15.00 by 2027-01-01 00:00 UTC");
  EXPECT_EQ(m.text.substr(0, m.text.find('\n')),
            "Budget \"Team video\" (bud_0123456789ab) is forecast to exceed its $15.00 monthly "
            "amount before the period ends: $6.00 spent in the first 30% of the period projects "
            "$20.00 by 2027-01-01 00:00 UTC.");
  EXPECT_NE(m.text.find("Covers: the whole organisation.\n"), std::string::npos);
  EXPECT_NE(m.text.find("Limit: soft; calls are never denied, this is an alert only.\n"),
            std::string::npos);
}

TEST(WriteAlertMessage, TheResetIsInTheBudgetsZoneWithItsUtcInstant) {
  const std::optional<budgets::TimeZone> berlin = budgets::testing::SystemZone("Europe/Berlin");
  if (!berlin) {
    GTEST_SKIP() << "no Europe/Berlin in the tz database";
  }
  Alert a = ThresholdAlert();
  a.period_start_unix_ms = MessageUtcMs(2026, 11, 30, 23);
  a.period_end_unix_ms = MessageUtcMs(2026, 12, 31, 23);
  const AlertMessage m = WriteAlertMessage(a, TeamVideo(), *berlin);
  EXPECT_NE(m.text.find("Period: 2026-12, 2026-12-01 00:00 Europe/Berlin to 2027-01-01 00:00 "
                        "Europe/Berlin. The budget resets at 2027-01-01 00:00 Europe/Berlin "
                        "(2026-12-31T23:00:00Z).\n"),
            std::string::npos)
      << m.text;
}

TEST(UsdText, CentsFromADollarUpAndMoreDigitsBelow) {
  EXPECT_EQ(UsdText(Money::FromPico(15'000'000'000'000)), "$15.00");
  EXPECT_EQ(UsdText(Money::FromPico(1'234'567'000'000'000)), "$1234.57");
  EXPECT_EQ(UsdText(Money::FromPico(4'200'000'000)), "$0.0042");
  EXPECT_EQ(UsdText(Money::FromPico(400'000'000'000)), "$0.40");
  EXPECT_EQ(UsdText(Money{}), "$0.00");
}

TEST(UtcTimeText, IsRfc3339ToTheSecond) {
  EXPECT_EQ(UtcTimeText(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(UtcTimeText(MessageUtcMs(2026, 12, 31, 23) + 59'999), "2026-12-31T23:00:59Z");
}

}  // namespace
}  // namespace costgate::central::alerts
