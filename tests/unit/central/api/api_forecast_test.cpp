// GET /admin/v1/analytics/forecast through the real Api: steady traffic is forecast exactly
// (spend so far + the rest of today + the days left), the spend so far equals the summary's,
// and filters and zones apply.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "tests/unit/central/api/api_harness.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Json;

constexpr int64_t kFcNov1 = 1'793'491'200'000;  // 2026-11-01T00:00:00Z
constexpr int64_t kFcDay = 86'400'000;
constexpr int64_t kFcUsd = 1'000'000'000'000;

class ApiForecast : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = h_.MakeKey("admin", "");
    // $10 a day at noon UTC from Nov 1 to Dec 10 for project "steady", and $1 a day for
    // "small".
    std::vector<Event> events;
    for (int day = 0; day < 40; ++day) {
      for (const auto& [project, cost] : {std::pair{"steady", 10 * kFcUsd}, {"small", kFcUsd}}) {
        Event e = store_testing::MakeEvent("fc-" + std::string(project) + std::to_string(day));
        e.start_unix_ms = kFcNov1 + day * kFcDay + kFcDay / 2;
        e.end_unix_ms = e.start_unix_ms + 1;
        e.project = project;
        e.cost = pricing::Money::FromPico(cost);
        e.status = "success";
        events.push_back(e);
      }
    }
    ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(h_.store().InsertEvents(events)));
  }

  ApiHarness h_;
  std::string key_;
};

TEST_F(ApiForecast, SteadySpendIsForecastToTheMonthsEndWithItsMethod) {
  // Dec 10, 18:00 UTC: ten days of $10 spent, today's noon event in, a quarter of today and 21
  // days to go.
  const ApiResponse r =
      h_.Get("/admin/v1/analytics/forecast?to=2026-12-10T18:00:00Z&project=steady", key_);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = Json(r.body);
  EXPECT_EQ(std::string(body["period_start"]), "2026-12-01T00:00:00Z");
  EXPECT_EQ(std::string(body["period_end"]), "2027-01-01T00:00:00Z");
  EXPECT_EQ(std::string(body["method"]), "run_rate_day_of_week");
  EXPECT_EQ(int64_t(body["spent_pico_usd"]), 100 * kFcUsd);
  EXPECT_EQ(int64_t(body["forecast_pico_usd"]), 100 * kFcUsd + 10 * kFcUsd / 4 + 210 * kFcUsd);
  EXPECT_EQ(int64_t(body["daily_rate_pico_usd"]), 10 * kFcUsd);
  EXPECT_EQ(int64_t(body["low_pico_usd"]), int64_t(body["forecast_pico_usd"]));
  EXPECT_EQ(int64_t(body["high_pico_usd"]), int64_t(body["forecast_pico_usd"]));
  EXPECT_EQ(int64_t(body["history_days"]), 28);

  const ApiResponse summary = h_.Get(
      "/admin/v1/analytics/summary?from=2026-12-01&to=2026-12-10T18:00:00Z&project=steady", key_);
  EXPECT_EQ(int64_t(Json(summary.body)["cost_pico_usd"]), int64_t(body["spent_pico_usd"]));
}

TEST_F(ApiForecast, AllProjectsTogetherAndAnotherZone) {
  const ApiResponse all = h_.Get("/admin/v1/analytics/forecast?to=2026-12-10T18:00:00Z", key_);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(int64_t(Json(all.body)["forecast_pico_usd"]), 11 * 31 * kFcUsd + 11 * kFcUsd / 4);

  // In Tokyo (+09:00) it is already Dec 11, 03:00: the noon events fall at 21:00 local.
  const ApiResponse tokyo = h_.Get(
      "/admin/v1/analytics/forecast?to=2026-12-10T18:00:00Z&tz=Asia/Tokyo&project=steady", key_);
  ASSERT_EQ(tokyo.status, 200) << tokyo.body;
  const auto body = Json(tokyo.body);
  EXPECT_EQ(std::string(body["period_start"]), "2026-12-01T00:00:00+09:00");
  // Dec 1..10 local (Nov 30 21:00 local belongs to November): ten events; today (Dec 11) has
  // none yet and 1/8 gone; 20 whole days left.
  EXPECT_EQ(int64_t(body["spent_pico_usd"]), 100 * kFcUsd);
  EXPECT_EQ(int64_t(body["forecast_pico_usd"]), 100 * kFcUsd + 10 * kFcUsd * 7 / 8 + 200 * kFcUsd);
}

}  // namespace
}  // namespace costgate::central
