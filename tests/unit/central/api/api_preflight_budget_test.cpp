// POST /v1/preflight against budgets: the estimate held against every hard budget covering the
// call, a deny naming the budget and its reset once a hold would pass the amount, settled by the
// call's usage, freed by the hold's expiry. Time is the request's (kNow, or later).
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "central/api/json_out.h"
#include "central/api/reprice.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using pricing::Money;
using testing::ApiHarness;
using testing::Json;
using testing::kNow;

constexpr int64_t kDecemberStart = 1'764'547'200'000;  // 2025-12-01T00:00:00Z: kNow's month ends
constexpr int64_t kHoldTtl = 900'000;

constexpr std::string_view kTokensCall =
    R"({"user_external_id":"u-1","source_app":"my-project","model":"gemini-2.5-flash",)"
    R"("estimated_units":{"input_tokens":1000,"output_tokens":200}})";
constexpr std::string_view kCharactersCall =
    R"({"user_external_id":"u-1","source_app":"my-project","model":"eleven_multilingual_v2",)"
    R"("estimated_units":{"chars":1000}})";

// What central's book makes of the calls above: the same pricing the handler uses.
Money PreflightPriceOf(std::string_view model, const EventUnits& units) {
  const UnitsPrice price =
      PriceUnits(*testing::TestBook(), "", "", model, units, pricing::ServiceTier::kStandard, kNow);
  EXPECT_TRUE(price.priced()) << model;
  EXPECT_GT(price.total.pico(), 0) << model;
  return price.total;
}

Money TokensCallCost() {
  return PreflightPriceOf("gemini-2.5-flash", {{"input_tokens", 1000}, {"output_tokens", 200}});
}

Money CharactersCallCost() {
  return PreflightPriceOf("eleven_multilingual_v2", {{"characters", 1000}});
}

Budget PreflightBudget(std::string id, Money amount, bool hard = true) {
  Budget budget;
  budget.id = id;
  budget.name = "team-" + id;
  budget.scope.source_app = "my-project";
  budget.period = "monthly";
  budget.amount = amount;
  budget.hard_limit = hard;
  return budget;
}

void CreatePreflightBudget(Store& store, const Budget& budget) {
  const AuditEntry audit{0, kNow, "test", "budget.create", budget.id, "", "{}"};
  ASSERT_EQ(std::get<BudgetChange>(store.CreateBudget(budget, audit)), BudgetChange::kDone);
}

int64_t CommittedNow(Store& store, const std::string& budget_id, int64_t now = kNow) {
  return std::get<Money>(store.GetCommitted(budget_id, "2025-11", now)).pico();
}

bool Allowed(const ApiResponse& r) {
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 && bool(Json(r.body)["allow"]);
}

std::string RequestIdOf(const ApiResponse& r) {
  return std::string(std::string_view(Json(r.body)["request_id"]));
}

TEST(ApiPreflightBudget, AllowsWhileTheBudgetHasRoomThenDeniesNamingItAndItsReset) {
  ApiHarness h;
  const Money each = TokensCallCost();
  CreatePreflightBudget(h.store(), PreflightBudget("bud_1", Money::FromPico(2 * each.pico())));
  const std::string key = h.MakeKey("preflight");
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", key, kTokensCall)));
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", key, kTokensCall)));
  EXPECT_EQ(CommittedNow(h.store(), "bud_1"), 2 * each.pico());

  const ApiResponse denied = h.Post("/v1/preflight", key, kTokensCall);
  ASSERT_EQ(denied.status, 200) << denied.body;
  const Json body(denied.body);
  EXPECT_FALSE(bool(body["allow"]));
  EXPECT_EQ(std::string_view(body["deny_reason"]),
            "budget_exhausted: budget team-bud_1 (bud_1) would exceed its " +
                UsdNumber(Money::FromPico(2 * each.pico())) +
                " USD monthly limit; resets at 2025-12-01T00:00:00Z");
  EXPECT_EQ(std::string_view(body["budget"]["id"]), "bud_1");
  EXPECT_EQ(std::string_view(body["budget"]["name"]), "team-bud_1");
  EXPECT_EQ(int64_t(body["budget"]["reset_unix_ms"]), kDecemberStart);
  EXPECT_GT(double(body["estimated_cost_usd"]), 0);
  EXPECT_FALSE(RequestIdOf(denied).empty());
  // A denied call holds nothing.
  EXPECT_EQ(CommittedNow(h.store(), "bud_1"), 2 * each.pico());
}

TEST(ApiPreflightBudget, ASoftBudgetNeverDeniesNorHolds) {
  ApiHarness h;
  CreatePreflightBudget(h.store(), PreflightBudget("bud_soft", Money::FromPico(1), false));
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", h.MakeKey("preflight"), kTokensCall)));
  EXPECT_EQ(CommittedNow(h.store(), "bud_soft"), 0);
}

TEST(ApiPreflightBudget, ABudgetNotCoveringTheCallIsLeftAlone) {
  ApiHarness h;
  Budget other = PreflightBudget("bud_other", Money::FromPico(1));
  other.scope.user = "someone-else";
  CreatePreflightBudget(h.store(), other);
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", h.MakeKey("preflight"), kTokensCall)));
  EXPECT_EQ(CommittedNow(h.store(), "bud_other"), 0);
}

TEST(ApiPreflightBudget, CostgateLabelsNarrowWhichBudgetsCover) {
  ApiHarness h;
  Budget prod = PreflightBudget("bud_prod", Money::FromPico(1));
  prod.scope.environment = "prod";
  prod.scope.provider = "gemini";
  CreatePreflightBudget(h.store(), prod);
  const std::string key = h.MakeKey("preflight");
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", key, kTokensCall)));
  const ApiResponse r =
      h.Post("/v1/preflight", key,
             testing::Replace(std::string(kTokensCall), R"("model")",
                              R"("environment":"prod","provider":"gemini","model")"));
  EXPECT_FALSE(Allowed(r)) << r.body;
}

TEST(ApiPreflightBudget, AnExactEstimateOverThePerRequestCapIsDenied) {
  ApiHarness h;
  const Money cost = CharactersCallCost();
  Budget capped = PreflightBudget("bud_cap", Money::FromPico(1'000 * cost.pico()));
  capped.per_request_cap = Money::FromPico(cost.pico() - 1);
  CreatePreflightBudget(h.store(), capped);
  const ApiResponse r = h.Post("/v1/preflight", h.MakeKey("preflight"), kCharactersCall);
  EXPECT_FALSE(Allowed(r));
  const std::string reason(std::string_view(Json(r.body)["deny_reason"]));
  EXPECT_EQ(reason.rfind("over_per_request_cap: ", 0), 0u) << reason;
  EXPECT_NE(reason.find("budget team-bud_cap (bud_cap)"), std::string::npos) << reason;
  EXPECT_EQ(std::string_view(Json(r.body)["budget"]["id"]), "bud_cap");
  EXPECT_EQ(CommittedNow(h.store(), "bud_cap"), 0);
}

TEST(ApiPreflightBudget, AGuessOverThePerRequestCapHoldsTheCap) {
  ApiHarness h;
  const Money cost = TokensCallCost();
  Budget capped = PreflightBudget("bud_cap", Money::FromPico(1'000 * cost.pico()));
  capped.per_request_cap = Money::FromPico(cost.pico() / 2);
  CreatePreflightBudget(h.store(), capped);
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", h.MakeKey("preflight"), kTokensCall)));
  EXPECT_EQ(CommittedNow(h.store(), "bud_cap"), cost.pico() / 2);
}

TEST(ApiPreflightBudget, TheRecordOfTheCallSettlesItsHold) {
  ApiHarness h;
  CreatePreflightBudget(h.store(), PreflightBudget("bud_1", Money::FromPico(1'000'000'000'000)));
  const std::string key = h.MakeKey("preflight,record");
  const std::string request_id = RequestIdOf(h.Post("/v1/preflight", key, kTokensCall));
  EXPECT_EQ(CommittedNow(h.store(), "bud_1"), TokensCallCost().pico());

  const ApiResponse recorded = h.Post(
      "/v1/usage/record", key,
      R"({"request_id":")" + request_id +
          R"(","user_external_id":"u-1","source_app":"my-project","model":"gemini-2.5-flash",)"
          R"("units":{"input_tokens":10},"latency_ms":5,"status":"success"})");
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const BudgetSpend spend = std::get<BudgetSpend>(h.store().GetSpend("bud_1", "2025-11"));
  EXPECT_EQ(spend.events, 1);
  EXPECT_EQ(CommittedNow(h.store(), "bud_1"), spend.spent.pico());  // the hold is gone
}

TEST(ApiPreflightBudget, ABatchEventWithTheRequestIdAsItsEventIdSettlesTheHold) {
  ApiHarness h;
  Budget all = PreflightBudget("bud_all", Money::FromPico(1'000'000'000'000));
  all.scope = {};
  CreatePreflightBudget(h.store(), all);
  const std::string proxy_key = h.MakeKey("preflight,ship", "");
  const ApiResponse held = h.Post(
      "/v1/preflight", proxy_key,
      testing::Replace(std::string(kTokensCall), R"("model")", R"("request_id":"e-77","model")"));
  ASSERT_EQ(RequestIdOf(held), "e-77");
  EXPECT_EQ(CommittedNow(h.store(), "bud_all"), TokensCallCost().pico());
  ASSERT_EQ(
      h.Post("/v1/usage/batch", proxy_key, testing::Batch({testing::ExampleEvent("e-77")})).status,
      200);
  EXPECT_EQ(CommittedNow(h.store(), "bud_all"),
            std::get<BudgetSpend>(h.store().GetSpend("bud_all", "2025-11")).spent.pico());
}

TEST(ApiPreflightBudget, AnExpiredHoldFreesItsRoom) {
  ApiHarness h(ApiLimits{.preflight_hold_ttl_ms = kHoldTtl});
  CreatePreflightBudget(h.store(), PreflightBudget("bud_1", TokensCallCost()));
  const std::string key = h.MakeKey("preflight");
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", key, kTokensCall)));
  EXPECT_FALSE(Allowed(h.Post("/v1/preflight", key, kTokensCall, kNow + kHoldTtl - 1)));
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", key, kTokensCall, kNow + kHoldTtl)));
}

TEST(ApiPreflightBudget, HoldMsShortensTheHoldButNeverLengthensIt) {
  ApiHarness h(ApiLimits{.preflight_hold_ttl_ms = kHoldTtl});
  CreatePreflightBudget(h.store(), PreflightBudget("bud_1", TokensCallCost()));
  const std::string key = h.MakeKey("preflight");
  const auto with_hold_ms = [](int64_t ms) {
    return testing::Replace(std::string(kTokensCall), R"("model")",
                            R"("hold_ms":)" + std::to_string(ms) + R"(,"model")");
  };
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", key, with_hold_ms(1'000))));
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", key, with_hold_ms(10 * kHoldTtl), kNow + 1'000)));
  EXPECT_FALSE(Allowed(h.Post("/v1/preflight", key, kTokensCall, kNow + kHoldTtl)));
  EXPECT_TRUE(Allowed(h.Post("/v1/preflight", key, kTokensCall, kNow + 1'000 + kHoldTtl)));

  const ApiResponse bad = h.Post("/v1/preflight", key, with_hold_ms(0));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(std::string_view(Json(bad.body)["error"]["field"]), "hold_ms");
}

TEST(ApiPreflightBudget, TheDocumentedSmokeCallStillGetsExactlyTheDocumentedAnswer) {
  ApiHarness h;
  CreatePreflightBudget(h.store(), PreflightBudget("bud_1", Money::FromPico(1'000'000'000'000)));
  const ApiResponse r = h.Post(
      "/v1/preflight", h.MakeKey("preflight"),
      R"({"user_external_id":"test-user","source_app":"my-project","model":"gemini-2.5-pro-preview","estimated_units":{"input_tokens":1000,"output_tokens":200}})");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json body(r.body);
  simdjson::dom::object fields = body.root().get_object().value();
  EXPECT_EQ(fields.size(), 3u) << r.body;
  EXPECT_TRUE(bool(body["allow"]));
  EXPECT_GT(double(body["estimated_cost_usd"]), 0);
  EXPECT_EQ(RequestIdOf(r).size(), 36u);
  EXPECT_GT(CommittedNow(h.store(), "bud_1"), 0);
}

TEST(ApiPreflightBudget, AnUnpricedModelIsAllowedAtZeroWhileTheBudgetIsNotPastItsAmount) {
  ApiHarness h;
  CreatePreflightBudget(h.store(), PreflightBudget("bud_1", Money::FromPico(1)));
  const std::string key = h.MakeKey("preflight");
  const std::string unpriced =
      testing::Replace(std::string(kTokensCall), "gemini-2.5-flash", "brand-new-model");
  const ApiResponse r = h.Post("/v1/preflight", key, unpriced);
  EXPECT_TRUE(Allowed(r));
  EXPECT_EQ(double(Json(r.body)["estimated_cost_usd"]), 0);
  EXPECT_EQ(CommittedNow(h.store(), "bud_1"), 0);
}

TEST(ApiPreflightBudget, AKeyOfOneWorkspaceCannotPreflightForAnother) {
  ApiHarness h;
  const ApiResponse r = h.Post(
      "/v1/preflight", h.MakeKey("preflight", "my-project", "ford"),
      testing::Replace(std::string(kTokensCall), R"("model")", R"("workspace":"other","model")"));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(std::string_view(Json(r.body)["error"]["code"]), "workspace_forbidden");
}

}  // namespace
}  // namespace costgate::central
