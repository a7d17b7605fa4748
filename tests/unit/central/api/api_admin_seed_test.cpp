// A budget made or changed mid-period through /admin/v1/budgets starts from the spend already
// stored in its current period (never from zero, never from the previous period's), and a raised
// or lowered amount keeps counting from it.
#include <gtest/gtest.h>

#include <string>

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

// 2025-10-20T22:40:00Z: in October, the period before kNow's (2025-11-22).
constexpr std::string_view kOctoberTimes =
    R"("start_unix_ms": 1761000000000, "end_unix_ms": 1761000001200)";

std::string SeedEventIn(std::string_view id, bool october) {
  std::string event = ExampleEvent(id);
  if (october) {
    event = Replace(event, R"("start_unix_ms": 1763800000000, "end_unix_ms": 1763800001200)",
                    kOctoberTimes);
  }
  return event;
}

struct SeedSpend {
  int64_t spent_pico = 0;
  int64_t events = 0;
  std::string percent;  // the JSON number as written
};

SeedSpend SpendIn(const ApiResponse& r) {
  const Json body(r.body);
  SeedSpend s;
  s.spent_pico = int64_t(body["spend"]["spent_pico_usd"]);
  s.events = int64_t(body["spend"]["events"]);
  const size_t at = r.body.find(R"("percent":)");
  s.percent = r.body.substr(at + 10, r.body.find('}', at) - at - 10);
  return s;
}

std::string AdminSeedKey(const ApiResponse& r) {
  return std::string(std::string_view(Json(r.body)["spend"]["period_key"]));
}

class AdminSeed : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = h_.MakeKey("admin", "");
    // Two events in November, one in October, all in workspace "ford".
    const ApiResponse shipped =
        h_.Post("/v1/usage/batch", h_.MakeKey("ship", "video-accessibility"),
                Batch({SeedEventIn("nov-1", false), SeedEventIn("nov-2", false),
                       SeedEventIn("oct-1", true)}));
    ASSERT_EQ(shipped.status, 200) << shipped.body;
    each_ = StoredEvent(h_.store(), "nov-1").cost.value().pico();
    ASSERT_GT(each_, 0);
  }

  ApiResponse Create(std::string_view fields) {
    return h_.Post("/admin/v1/budgets", admin_,
                   R"({"name":"ford","period":"monthly",)" + std::string(fields) + "}");
  }
  ApiResponse Patch(std::string_view body) {
    return h_.api().Handle({"PATCH", "/admin/v1/budgets/ford", admin_, body, kNow});
  }
  ApiResponse Get() { return h_.Get("/admin/v1/budgets/ford", admin_); }
  void ShipOneMore(std::string_view id) {
    ASSERT_EQ(h_.Post("/v1/usage/batch", h_.MakeKey("ship", "video-accessibility"),
                      Batch({SeedEventIn(id, false)}))
                  .status,
              200);
  }

  ApiHarness h_;
  std::string admin_;
  int64_t each_ = 0;  // central's cost of one example event
};

TEST_F(AdminSeed, ACreatedBudgetStartsFromThisPeriodsEventsOnly) {
  const ApiResponse r = Create(R"("amount_usd":"1","scope":{"workspace":"ford"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(SpendIn(r).spent_pico, 2 * each_);  // not the October event
  EXPECT_EQ(SpendIn(r).events, 2);
  // Counting goes on from there on ingest.
  ShipOneMore("nov-3");
  EXPECT_EQ(SpendIn(Get()).spent_pico, 3 * each_);
  EXPECT_EQ(SpendIn(Get()).events, 3);
}

TEST_F(AdminSeed, ABudgetWhoseScopeCoversNothingStartsAtZero) {
  const ApiResponse r = Create(R"("amount_usd":"1","scope":{"workspace":"chevy"})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(SpendIn(r).spent_pico, 0);
  EXPECT_EQ(SpendIn(r).events, 0);
}

TEST_F(AdminSeed, RaisingKeepsTheSpendAndLoweringShowsMoreThanAHundredPercent) {
  ASSERT_EQ(Create(R"("amount_usd":"1")").status, 201);
  ShipOneMore("nov-3");
  const ApiResponse raised = Patch(R"({"amount_usd":"5"})");
  ASSERT_EQ(raised.status, 200) << raised.body;
  EXPECT_EQ(SpendIn(raised).spent_pico, 3 * each_);
  // Lowered below what was spent: the spend stays, the percent passes 100.
  const int64_t lowered_pico = each_;  // a third of the spend
  const std::string lowered = R"({"amount_usd":")" +
                              std::to_string(lowered_pico / 1'000'000'000'000) + "." +
                              std::string(12 - std::to_string(lowered_pico).size(), '0') +
                              std::to_string(lowered_pico) + R"("})";
  const ApiResponse low = Patch(lowered);
  ASSERT_EQ(low.status, 200) << lowered << " " << low.body;
  EXPECT_EQ(int64_t(Json(low.body)["amount_pico_usd"]), lowered_pico);
  EXPECT_EQ(SpendIn(low).spent_pico, 3 * each_);
  EXPECT_EQ(SpendIn(low).percent, "300");
}

TEST_F(AdminSeed, ANewScopeOrPeriodCountsAgainFromTheStoredEvents) {
  ASSERT_EQ(Create(R"("amount_usd":"1","scope":{"workspace":"chevy"})").status, 201);
  const ApiResponse rescoped = Patch(R"({"scope":{"workspace":"ford"}})");
  ASSERT_EQ(rescoped.status, 200) << rescoped.body;
  EXPECT_EQ(SpendIn(rescoped).spent_pico, 2 * each_);

  // A daily budget counts today's events: both November events are of kNow's day.
  const ApiResponse daily = Patch(R"({"period":"daily"})");
  ASSERT_EQ(daily.status, 200) << daily.body;
  EXPECT_EQ(AdminSeedKey(daily), "2025-11-22");
  EXPECT_EQ(SpendIn(daily).events, 2);

  // In Tokyo kNow (08:26 UTC) is already the 22nd too, the events as well: the same spend,
  // counted again for the zone's own day.
  const ApiResponse tokyo = Patch(R"({"time_zone":"Asia/Tokyo"})");
  ASSERT_EQ(tokyo.status, 200) << tokyo.body;
  EXPECT_EQ(int64_t(Json(tokyo.body)["spend"]["period_start_unix_ms"]), 1'763'737'200'000);
  EXPECT_EQ(SpendIn(tokyo).spent_pico, 2 * each_);
}

}  // namespace
}  // namespace costgate::central
