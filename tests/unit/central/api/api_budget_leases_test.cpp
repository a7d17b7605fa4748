// POST /v1/budget/leases: a proxy's lease sync. Every budget listed with its current period, hard
// ones with the holder's lease, sized from what the budget has left and how many proxies hold it.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using pricing::Money;
using testing::ApiHarness;
using testing::Json;
using testing::kNow;

constexpr int64_t kLeaseTtl = 30'000;
constexpr int64_t kNovemberEnd = 1'764'547'200'000;  // 2025-12-01T00:00:00Z

Budget LeaseTestBudget(std::string id, int64_t amount_pico, bool hard = true) {
  Budget budget;
  budget.id = id;
  budget.name = "lease-" + id;
  budget.scope.team = "video";
  budget.period = "monthly";
  budget.amount = Money::FromPico(amount_pico);
  budget.hard_limit = hard;
  return budget;
}

class ApiBudgetLeases : public ::testing::Test {
 protected:
  ApiBudgetLeases() : h_(ApiLimits{.budget_lease_ttl_ms = kLeaseTtl}), key_(h_.MakeKey("ship")) {}

  void AddBudget(const Budget& budget) {
    const AuditEntry audit{0, kNow, "test", "budget.create", budget.id, "", "{}"};
    ASSERT_EQ(std::get<BudgetChange>(h_.store().CreateBudget(budget, audit)), BudgetChange::kDone);
  }

  ApiResponse Sync(const std::string& body, int64_t now = kNow) {
    return h_.Post("/v1/budget/leases", key_, body, now);
  }

  // The granted total of `holder`'s lease of the first budget, after a sync with `leases`.
  int64_t Granted(const std::string& holder, const std::string& leases = "[]", int64_t now = kNow) {
    const ApiResponse r = Sync(R"({"holder":")" + holder + R"(","leases":)" + leases + "}", now);
    EXPECT_EQ(r.status, 200) << r.body;
    return int64_t(Json(r.body)["budgets"].at(0)["lease"]["granted_pico_usd"]);
  }

  std::string FieldOf(const std::string& body) {
    const ApiResponse r = Sync(body);
    EXPECT_EQ(r.status, 400) << r.body;
    return std::string(std::string_view(Json(r.body)["error"]["field"]));
  }

  ApiHarness h_;
  std::string key_;
};

TEST_F(ApiBudgetLeases, FirstSyncListsEveryBudgetAndLeasesHalfOfEachHardOne) {
  Budget hard = LeaseTestBudget("bud_hard", 1'000'000);
  hard.per_request_cap = Money::FromPico(5'000);
  hard.fail_closed = true;
  AddBudget(hard);
  AddBudget(LeaseTestBudget("bud_soft", 1'000'000, false));
  const ApiResponse r = Sync(R"({"holder":"px_0123456789abcdef","leases":[]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(
      r.body,
      R"({"now_unix_ms":1763800000000,"lease_ttl_ms":30000,"budgets":[)"
      R"({"id":"bud_hard","name":"lease-bud_hard","scope":{"workspace":"","team":"video",)"
      R"("project":"","source_app":"","environment":"","user":"","provider":"","model":""},)"
      R"("period":"monthly","period_key":"2025-11","period_end_unix_ms":1764547200000,)"
      R"("hard_limit":true,"per_request_cap_pico_usd":5000,"fail_closed":true,)"
      R"("lease":{"granted_pico_usd":500000,"expires_unix_ms":1763800030000}},)"
      R"({"id":"bud_soft","name":"lease-bud_soft","scope":{"workspace":"","team":"video",)"
      R"("project":"","source_app":"","environment":"","user":"","provider":"","model":""},)"
      R"("period":"monthly","period_key":"2025-11","period_end_unix_ms":1764547200000,)"
      R"("hard_limit":false,"per_request_cap_pico_usd":null,"fail_closed":null,"lease":null}]})");
  // The lease counts against the budget at once.
  EXPECT_EQ(std::get<Money>(h_.store().GetCommitted("bud_hard", "2025-11", kNow)).pico(), 500'000);
}

TEST_F(ApiBudgetLeases, AHolderWithoutLeasesNeedNotListAnyAndAbsentLeasesMeanNone) {
  AddBudget(LeaseTestBudget("bud_1", 1'000));
  const ApiResponse r = Sync(R"({"holder":"px_a"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(int64_t(Json(r.body)["budgets"].at(0)["lease"]["granted_pico_usd"]), 500);
}

TEST_F(ApiBudgetLeases, ASecondProxyGetsAShareOfWhatIsLeft) {
  AddBudget(LeaseTestBudget("bud_1", 1'000'000));
  EXPECT_EQ(Granted("px_a"), 500'000);
  EXPECT_EQ(Granted("px_b"), 125'000);  // 500000 left, over 2 x 2 holders
  // The first, asking again with room to spare, keeps what it has.
  EXPECT_EQ(Granted("px_a", R"([{"budget_id":"bud_1","period_key":"2025-11","used_pico_usd":0}])"),
            500'000);
}

TEST_F(ApiBudgetLeases, ANeedIsMetFromWhatRemains) {
  AddBudget(LeaseTestBudget("bud_1", 1'000'000));
  EXPECT_EQ(Granted("px_a"), 500'000);
  EXPECT_EQ(
      Granted(
          "px_a",
          R"([{"budget_id":"bud_1","period_key":"2025-11","used_pico_usd":499000,"need_pico_usd":300000}])"),
      800'000);
  EXPECT_EQ(
      Granted(
          "px_a",
          R"([{"budget_id":"bud_1","period_key":"2025-11","used_pico_usd":800000,"need_pico_usd":900000}])"),
      1'000'000);
}

TEST_F(ApiBudgetLeases, ReleaseGivesBackWhatWasNotUsed) {
  AddBudget(LeaseTestBudget("bud_1", 1'000'000));
  EXPECT_EQ(Granted("px_a"), 500'000);
  EXPECT_EQ(
      Granted(
          "px_a",
          R"([{"budget_id":"bud_1","period_key":"2025-11","used_pico_usd":1234,"release":true}])"),
      1'234);
  EXPECT_EQ(std::get<Money>(h_.store().GetCommitted("bud_1", "2025-11", kNow)).pico(), 1'234);
  EXPECT_EQ(Granted("px_b"), (1'000'000 - 1'234) / 4);
}

TEST_F(ApiBudgetLeases, ANewPeriodStartsAFreshLease) {
  AddBudget(LeaseTestBudget("bud_1", 1'000'000));
  EXPECT_EQ(Granted("px_a"), 500'000);
  const ApiResponse r = Sync(
      R"({"holder":"px_a","leases":[{"budget_id":"bud_1","period_key":"2025-11","used_pico_usd":400000}]})",
      kNovemberEnd);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json body(r.body);
  EXPECT_EQ(std::string_view(body["budgets"].at(0)["period_key"]), "2025-12");
  EXPECT_EQ(int64_t(body["budgets"].at(0)["lease"]["granted_pico_usd"]), 500'000);
  EXPECT_EQ(int64_t(body["budgets"].at(0)["lease"]["expires_unix_ms"]), kNovemberEnd + kLeaseTtl);
}

TEST_F(ApiBudgetLeases, AnExpiredLeaseIsRenewed) {
  AddBudget(LeaseTestBudget("bud_1", 1'000'000));
  EXPECT_EQ(Granted("px_a"), 500'000);
  EXPECT_EQ(Granted("px_b", "[]", kNow + 10'000), 125'000);
  // px_a's lease lapsed: renewed, what it was granted and central has not seen counts again,
  // and it shares what is left with px_b.
  EXPECT_EQ(Granted("px_a", R"([{"budget_id":"bud_1","period_key":"2025-11","used_pico_usd":0}])",
                    kNow + kLeaseTtl),
            500'000 + (1'000'000 - 125'000 - 500'000) / 4);
}

TEST_F(ApiBudgetLeases, BadFieldsAreRefusedNamingThem) {
  EXPECT_EQ(FieldOf(R"({"leases":[]})"), "holder");
  EXPECT_EQ(FieldOf(R"({"holder":""})"), "holder");
  EXPECT_EQ(FieldOf(R"({"holder":"px_a","lease":[]})"), "lease");
  EXPECT_EQ(FieldOf(R"({"holder":"px_a","leases":{}})"), "leases");
  EXPECT_EQ(FieldOf(R"({"holder":"px_a","leases":[{"budget_id":"b","period_key":"p"}]})"),
            "leases[0].used_pico_usd");
  EXPECT_EQ(
      FieldOf(
          R"({"holder":"px_a","leases":[{"budget_id":"b","period_key":"p","used_pico_usd":-1}]})"),
      "leases[0].used_pico_usd");
  EXPECT_EQ(
      FieldOf(
          R"({"holder":"px_a","leases":[{"budget_id":"b","period_key":"p","used_pico_usd":1,"need_pico_usd":1.5}]})"),
      "leases[0].need_pico_usd");
  EXPECT_EQ(
      FieldOf(
          R"({"holder":"px_a","leases":[{"budget_id":"b","period_key":"p","used_pico_usd":1,"extra":0}]})"),
      "leases[0].extra");
  EXPECT_EQ(
      FieldOf(
          R"({"holder":"px_a","leases":[{"budget_id":"b","period_key":"p","used_pico_usd":1},{"budget_id":"b","period_key":"p","used_pico_usd":2}]})"),
      "leases[1]");
  const ApiResponse not_json = Sync("{");
  EXPECT_EQ(not_json.status, 400);
}

TEST_F(ApiBudgetLeases, NeedsAShipKey) {
  const ApiResponse r =
      h_.Post("/v1/budget/leases", h_.MakeKey("preflight,record"), R"({"holder":"px_a"})");
  EXPECT_EQ(r.status, 403) << r.body;
}

}  // namespace
}  // namespace costgate::central
