// Budgets' spend kept current on ingest: every event central stores through /v1/usage/batch or
// /v1/usage/record adds its cost to the counters of the budgets covering it, once.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "central/budgets/period.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Batch;
using testing::ExampleEvent;
using testing::kNow;
using testing::StoredEvent;

// The example event's month (kNow is 2025-11-22 UTC).
constexpr std::string_view kMonth = "2025-11";

BudgetScope Only(std::string BudgetScope::*field, std::string value) {
  BudgetScope scope;
  scope.*field = std::move(value);
  return scope;
}

Budget MonthlyBudget(std::string id, BudgetScope scope) {
  Budget budget;
  budget.id = id;
  budget.name = "name-" + id;
  budget.scope = std::move(scope);
  budget.period = "monthly";
  budget.amount = pricing::Money::FromPico(1'000'000'000'000);
  return budget;
}

void Create(Store& store, const Budget& budget) {
  const AuditEntry audit{0, kNow, "test", "budget.create", budget.id, "", "{}"};
  ASSERT_EQ(std::get<BudgetChange>(store.CreateBudget(budget, audit)), BudgetChange::kDone);
}

BudgetSpend Spend(Store& store, const std::string& budget_id) {
  return std::get<BudgetSpend>(store.GetSpend(budget_id, std::string(kMonth)));
}

TEST(ApiBudgetSpend, BatchEventsCountOnceAgainstEveryBudgetCoveringThem) {
  ApiHarness h;
  Create(h.store(), MonthlyBudget("bud_ford", Only(&BudgetScope::workspace, "ford")));
  Create(h.store(), MonthlyBudget("bud_all", {}));
  Create(h.store(), MonthlyBudget("bud_other", Only(&BudgetScope::workspace, "other")));
  const std::string key = h.MakeKey("ship", "video-accessibility");
  const std::string batch = Batch({ExampleEvent("e-1"), ExampleEvent("e-2")});
  ASSERT_EQ(h.Post("/v1/usage/batch", key, batch).status, 200);

  const pricing::Money each = StoredEvent(h.store(), "e-1").cost.value();
  ASSERT_GT(each.pico(), 0);
  for (const std::string id : {"bud_ford", "bud_all"}) {
    const BudgetSpend spend = Spend(h.store(), id);
    EXPECT_EQ(spend.spent.pico(), 2 * each.pico()) << id;
    EXPECT_EQ(spend.events, 2) << id;
  }
  EXPECT_EQ(Spend(h.store(), "bud_other").events, 0);

  // The shipper's retry: duplicates, counted nowhere again.
  ASSERT_EQ(h.Post("/v1/usage/batch", key, batch).status, 200);
  EXPECT_EQ(Spend(h.store(), "bud_ford").spent.pico(), 2 * each.pico());
  EXPECT_EQ(Spend(h.store(), "bud_all").events, 2);
}

TEST(ApiBudgetSpend, RecordedEventsCountToo) {
  ApiHarness h;
  Create(h.store(), MonthlyBudget("bud_app", Only(&BudgetScope::source_app, "my-project")));
  const ApiResponse r = h.Post(
      "/v1/usage/record", h.MakeKey("record"),
      R"({"request_id":"","user_external_id":"u","source_app":"my-project","model":"gemini-2.5-flash","units":{"input_tokens":1000},"latency_ms":1,"status":"success"})");
  ASSERT_EQ(r.status, 200) << r.body;
  const BudgetSpend spend = Spend(h.store(), "bud_app");
  EXPECT_EQ(spend.events, 1);
  EXPECT_GT(spend.spent.pico(), 0);
}

}  // namespace
}  // namespace costgate::central
