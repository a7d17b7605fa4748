// Budget alerts recorded by ingest: each threshold once per period however often the events
// come (the shipper's retries), again in the next period, never for a period long over; a
// forecast from the run rate; a budget changed to a lower amount alerts at once; and the alert
// log read through GET /admin/v1/alerts.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "central/alerts/check.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Batch;
using testing::ExampleEvent;
using testing::Json;
using testing::kNow;
using testing::Replace;
using testing::StoredEvent;

constexpr int64_t kAlertsDay = 86'400'000;
constexpr int64_t kNovember = 1'761'955'200'000;  // 2025-11-01T00:00:00Z
constexpr int64_t kDecember = 1'764'547'200'000;  // 2025-12-01T00:00:00Z

const std::vector<DeliveryTarget> kAlertTargets = {
    {"email", "finance@example.com"}, {"webhook", "https://hooks.example.com/services/T/B/x"}};

// The example event starting at `start_ms`.
std::string EventAt(std::string_view event_id, int64_t start_ms) {
  std::string event = ExampleEvent(event_id);
  event = Replace(event, "1763800000000", std::to_string(start_ms));
  return Replace(event, "1763800001200", std::to_string(start_ms + 1'200));
}

// What central charges for the example event (its own price book).
pricing::Money ExampleCost() {
  ApiHarness scratch;
  const std::string key = scratch.MakeKey("ship", "video-accessibility");
  EXPECT_EQ(scratch.Post("/v1/usage/batch", key, Batch({ExampleEvent("cost")})).status, 200);
  return StoredEvent(scratch.store(), "cost").cost.value();
}

class ApiAlerts : public ::testing::Test {
 protected:
  void SetUp() override {
    each_ = ExampleCost();
    ASSERT_GT(each_.pico(), 0);
    h_.api().set_alert_targets(kAlertTargets);
    key_ = h_.MakeKey("ship", "video-accessibility");
  }

  // A monthly budget of `events` example events, over every event.
  Budget Create(int64_t events, std::vector<int> thresholds = {50, 100}, bool hard = false) {
    Budget budget;
    budget.id = "bud_00000000000" + std::to_string(++created_);
    budget.name = "budget-" + budget.id;
    budget.period = "monthly";
    budget.amount = pricing::Money::FromPico(events * each_.pico());
    budget.thresholds_percent = std::move(thresholds);
    budget.hard_limit = hard;
    const AuditEntry audit{0, kNow, "test", "budget.create", budget.id, "", "{}"};
    EXPECT_EQ(std::get<BudgetChange>(h_.store().CreateBudget(budget, audit)), BudgetChange::kDone);
    return budget;
  }

  void Ship(std::initializer_list<std::string_view> events, int64_t now = kNow) {
    const ApiResponse r = h_.Post("/v1/usage/batch", key_, Batch(events), now);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  std::vector<AlertLogEntry> Log() {
    return std::get<std::vector<AlertLogEntry>>(h_.store().ListAlerts(100, std::nullopt));
  }

  // "kind:percent@period" of every alert, oldest first.
  std::vector<std::string> Fired() {
    std::vector<std::string> fired;
    for (const AlertLogEntry& entry : Log()) {
      fired.insert(fired.begin(), entry.alert.kind + ":" +
                                      std::to_string(entry.alert.threshold_percent) + "@" +
                                      entry.alert.period_key);
    }
    return fired;
  }

  ApiHarness h_;
  pricing::Money each_;
  std::string key_;
  int created_ = 0;
};

TEST_F(ApiAlerts, EachThresholdFiresOncePerPeriodThroughDuplicatedIngest) {
  const Budget budget = Create(2);
  Ship({ExampleEvent("e-1")});
  EXPECT_EQ(Fired(), (std::vector<std::string>{"threshold:50@2025-11"}));
  Ship({ExampleEvent("e-1")});  // the shipper's retry: a duplicate moves nothing
  Ship({ExampleEvent("e-1")});
  EXPECT_EQ(Fired().size(), 1u);
  Ship({ExampleEvent("e-1"), ExampleEvent("e-2")});
  Ship({ExampleEvent("e-2"), ExampleEvent("e-1")});
  EXPECT_EQ(Fired(), (std::vector<std::string>{"threshold:50@2025-11", "threshold:100@2025-11"}));

  const std::vector<AlertLogEntry> log = Log();
  const Alert& hundred = log[0].alert;
  EXPECT_EQ(hundred.budget_id, budget.id);
  EXPECT_EQ(hundred.budget_name, budget.name);
  EXPECT_EQ(hundred.spent.pico(), 2 * each_.pico());
  EXPECT_EQ(hundred.amount, budget.amount);
  EXPECT_EQ(hundred.fired_unix_ms, kNow);
  EXPECT_EQ(hundred.period_start_unix_ms, kNovember);
  EXPECT_EQ(hundred.period_end_unix_ms, kDecember);
  EXPECT_NE(hundred.subject.find("reached 100%"), std::string::npos) << hundred.subject;
  // One delivery per target, recorded with the alert, never again.
  for (const AlertLogEntry& entry : log) {
    ASSERT_EQ(entry.deliveries.size(), 2u);
    EXPECT_EQ(entry.deliveries[0].to, kAlertTargets[0]);
    EXPECT_EQ(entry.deliveries[1].to, kAlertTargets[1]);
  }
}

TEST_F(ApiAlerts, AJumpOverEveryThresholdFiresEachLowestFirst) {
  Create(2, {100, 50, 80});
  Ship({ExampleEvent("e-1"), ExampleEvent("e-2"), ExampleEvent("e-3")});
  EXPECT_EQ(Fired(), (std::vector<std::string>{"threshold:50@2025-11", "threshold:80@2025-11",
                                               "threshold:100@2025-11"}));
}

TEST_F(ApiAlerts, TheNextPeriodFiresAgain) {
  Create(2);
  Ship({EventAt("nov", kNow)});
  Ship({EventAt("dec", kDecember + 18 * kAlertsDay)}, kDecember + 19 * kAlertsDay);
  EXPECT_EQ(Fired(), (std::vector<std::string>{"threshold:50@2025-11", "threshold:50@2025-12"}));
}

TEST_F(ApiAlerts, APeriodLongOverAlertsNobody) {
  Create(2);
  Ship({EventAt("late", kNow)}, kDecember + 2 * kAlertsDay);
  EXPECT_TRUE(Fired().empty());
}

TEST_F(ApiAlerts, TheRunRateForecastsExceedingTheAmount) {
  // Ten days into November with half the amount spent: the month projects 150 %.
  Create(2, {80});
  Ship({EventAt("early", kNovember + 9 * kAlertsDay)}, kNovember + 10 * kAlertsDay);
  EXPECT_EQ(Fired(), (std::vector<std::string>{"forecast:100@2025-11"}));
  const Alert forecast = Log()[0].alert;
  ASSERT_TRUE(forecast.projected.has_value());
  EXPECT_EQ(forecast.projected->pico(), each_.pico() * 3);
  // The same rate later finds the forecast fired already.
  Ship({EventAt("later", kNovember + 10 * kAlertsDay)}, kNovember + 11 * kAlertsDay);
  EXPECT_EQ(Fired(), (std::vector<std::string>{"forecast:100@2025-11", "threshold:80@2025-11"}));
}

TEST_F(ApiAlerts, TheFirstCallOfAPeriodForecastsNothing) {
  Create(20);
  Ship({EventAt("first", kNovember + 60'000)}, kNovember + 61'000);
  EXPECT_TRUE(Fired().empty());
}

// Spend early in the month projects nothing yet; a day later, with no event since, the periodic
// check finds the same spend projecting past the amount.
TEST_F(ApiAlerts, ThePeriodicCheckForecastsFromTimeAlone) {
  Create(8);
  Ship({EventAt("day-1", kNovember + kAlertsDay / 2)}, kNovember + kAlertsDay);
  EXPECT_TRUE(Fired().empty());
  budgets::ZoneCache zones;
  const int64_t day2 = kNovember + 2 * kAlertsDay;  // under 10 % of the month: too early
  EXPECT_EQ(std::get<int>(alerts::CheckAllBudgetAlerts({h_.store(), zones, kAlertTargets, day2})),
            0);
  const int64_t day3 = kNovember + 3 * kAlertsDay;  // 1/8 spent in 10 %: projects 125 %
  EXPECT_EQ(std::get<int>(alerts::CheckAllBudgetAlerts({h_.store(), zones, kAlertTargets, day3})),
            1);
  EXPECT_EQ(Fired(), (std::vector<std::string>{"forecast:100@2025-11"}));
}

TEST_F(ApiAlerts, ALoweredAmountAlertsAtOnceWhenChecked) {
  Budget budget = Create(10);
  Ship({ExampleEvent("e-1")});
  EXPECT_TRUE(Fired().empty());
  budget.amount = each_;
  const AuditEntry audit{0, kNow, "test", "budget.update", budget.id, "{}", "{}"};
  ASSERT_EQ(std::get<BudgetChange>(h_.store().UpdateBudget(budget, audit)), BudgetChange::kDone);
  budgets::ZoneCache zones;
  const StoreResult<int> checked =
      alerts::CheckBudgetAlerts({h_.store(), zones, kAlertTargets, kNow}, budget);
  EXPECT_EQ(std::get<int>(checked), 2);
  EXPECT_EQ(Fired(), (std::vector<std::string>{"threshold:50@2025-11", "threshold:100@2025-11"}));
  EXPECT_EQ(
      std::get<int>(alerts::CheckBudgetAlerts({h_.store(), zones, kAlertTargets, kNow}, budget)),
      0);
}

TEST_F(ApiAlerts, ALoweredAmountThroughTheAdminApiAlertsAtOnce) {
  const Budget budget = Create(10);
  Ship({ExampleEvent("e-1")});
  EXPECT_TRUE(Fired().empty());
  const ApiResponse patched =
      h_.api().Handle({"PATCH", "/admin/v1/budgets/" + budget.id, h_.MakeKey("admin", ""),
                       R"({"amount_usd":")" + pricing::FormatUsd(each_, 12) + R"("})", kNow});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Fired(), (std::vector<std::string>{"threshold:50@2025-11", "threshold:100@2025-11"}));
  EXPECT_EQ(Log()[0].deliveries.size(), 2u);
}

TEST_F(ApiAlerts, TheAlertLogIsReadNewestFirstAPageAtATime) {
  Create(2, {25, 50, 75, 100});
  Ship({ExampleEvent("e-1"), ExampleEvent("e-2")});
  const std::string admin = h_.MakeKey("admin", "");
  const ApiResponse first = h_.Get("/admin/v1/alerts?limit=3", admin);
  ASSERT_EQ(first.status, 200) << first.body;
  Json page(first.body);
  simdjson::dom::array alerts = page["alerts"].get_array().value();
  ASSERT_EQ(alerts.size(), 3u);
  simdjson::dom::element newest = alerts.at(0).value();
  EXPECT_EQ(int64_t(newest["threshold_percent"]), 100);
  EXPECT_EQ(std::string_view(newest["kind"]), "threshold");
  EXPECT_EQ(std::string_view(newest["period_key"]), "2025-11");
  EXPECT_TRUE(newest["projected_usd"].is_null());
  simdjson::dom::array deliveries = newest["deliveries"].get_array().value();
  ASSERT_EQ(deliveries.size(), 2u);
  EXPECT_EQ(std::string_view(deliveries.at(0)["target"]), "finance@example.com");
  // A webhook's path may be its credential: only its origin is shown.
  EXPECT_EQ(std::string_view(deliveries.at(1)["target"]), "https://hooks.example.com/...");
  EXPECT_EQ(std::string_view(deliveries.at(1)["status"]), "pending");
  EXPECT_EQ(deliveries.at(1)["attempt_log"].get_array().value().size(), 0u);
  const int64_t next = int64_t(page["next_before"]);

  const ApiResponse second =
      h_.Get("/admin/v1/alerts?limit=3&before=" + std::to_string(next), admin);
  Json rest(second.body);
  ASSERT_EQ(rest["alerts"].get_array().value().size(), 1u);
  EXPECT_EQ(int64_t(rest["alerts"].at(0)["threshold_percent"]), 25);
  EXPECT_TRUE(rest["next_before"].is_null());
}

TEST_F(ApiAlerts, TheAlertLogRefusesABadPageSizeNamingIt) {
  const std::string admin = h_.MakeKey("admin", "");
  const ApiResponse r = h_.Get("/admin/v1/alerts?limit=0", admin);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["field"]), "limit");
  EXPECT_EQ(h_.Get("/admin/v1/alerts").status, 401);
  EXPECT_EQ(h_.Get("/admin/v1/alerts", h_.MakeKey("upsert,ship,record,preflight", "")).status, 403);
}

}  // namespace
}  // namespace costgate::central
