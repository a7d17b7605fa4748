// costgate central holding budgets over real HTTP: 200 concurrent /v1/preflight calls against a
// hard budget that admits exactly 50 of them by estimate, then the 50 recorded, which settles
// every hold.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "central/store/open_store.h"
#include "pricing/money.h"
#include "tests/integration/central_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/json_helpers.h"

namespace costgate::integration {
namespace {

constexpr std::string_view kBudgetCallBody =
    R"({"user_external_id":"u-1","source_app":"my-project","model":"gemini-2.5-flash",)"
    R"("estimated_units":{"input_tokens":1000,"output_tokens":200}})";

// The exact amount of the answer's estimated_cost_usd (a decimal of at most 12 places).
pricing::Money EstimateIn(const std::string& body) {
  const std::string_view name = R"("estimated_cost_usd":)";
  const size_t at = body.find(name);
  EXPECT_NE(at, std::string::npos) << body;
  const size_t from = at + name.size();
  const std::optional<pricing::Money> amount =
      pricing::ParseUsd(std::string_view(body).substr(from, body.find_first_of(",}", from) - from));
  EXPECT_TRUE(amount.has_value()) << body;
  return amount.value_or(pricing::Money{});
}

class CentralPreflightBudgetTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    central_ = std::make_unique<CentralUnderTest>();
    key_ = central_->CreateKey("budget-" + UniqueToken("key"), "my-project", "preflight,record");
    return central_->process();
  }

  HttpResponse Post(const std::string& path, const std::string& body) {
    HttpRequest request;
    request.method = "POST";
    request.url = central_->Url(path);
    request.headers = {"X-API-Key: " + key_, "Content-Type: application/json"};
    request.body = body;
    return Http(request);
  }

  // Another writer of central's database, as the admin API will be: central reads budgets on
  // every check, so one made here applies to the next call.
  std::unique_ptr<central::Store> OpenCentralStore() {
    auto opened = central::OpenStore(
        {config::StoreLocation::Kind::kSqlite, (central_->dir() / "central.db").string()},
        config::SqliteSynchronous::kNormal);
    if (auto* error = std::get_if<central::StoreError>(&opened)) {
      ADD_FAILURE() << error->message;
      return nullptr;
    }
    return std::move(std::get<std::unique_ptr<central::Store>>(opened));
  }

  std::unique_ptr<CentralUnderTest> central_;
  std::string key_;
};

TEST_F(CentralPreflightBudgetTest, TwoHundredConcurrentCallsAdmitExactlyTheFiftyThatFit) {
  // Nothing is held without a budget: this only reads the estimate.
  const HttpResponse probe = Post("/v1/preflight", std::string(kBudgetCallBody));
  ASSERT_EQ(probe.status, 200) << probe.body;
  const pricing::Money each = EstimateIn(probe.body);
  ASSERT_GT(each.pico(), 0);

  auto store = OpenCentralStore();
  ASSERT_NE(store, nullptr);
  central::Budget budget;
  budget.id = "bud_fifty";
  budget.name = "fifty-calls";
  budget.scope.source_app = "my-project";
  budget.period = "monthly";
  budget.amount = pricing::Money::FromPico(50 * each.pico());
  budget.hard_limit = true;
  central::AuditEntry audit;
  audit.action = "budget.create";
  ASSERT_EQ(std::get<central::BudgetChange>(store->CreateBudget(budget, audit)),
            central::BudgetChange::kDone);

  std::vector<std::future<HttpResponse>> calls;
  for (int i = 0; i < 200; ++i) {
    calls.push_back(std::async(std::launch::async, [this] {
      return Post("/v1/preflight", std::string(kBudgetCallBody));
    }));
  }
  std::vector<std::string> admitted;
  int denied = 0;
  for (auto& call : calls) {
    const HttpResponse r = call.get();
    ASSERT_EQ(r.status, 200) << r.curl_error << r.body;
    if (r.body.find(R"("allow":true)") != std::string::npos) {
      admitted.push_back(JsonString(r.body, "/request_id").value_or(""));
    } else {
      ++denied;
      EXPECT_NE(r.body.find("budget_exhausted: budget fifty-calls (bud_fifty)"), std::string::npos)
          << r.body;
    }
  }
  EXPECT_EQ(admitted.size(), 50u);
  EXPECT_EQ(denied, 150);
  const auto held =
      QueryRows(central_->dir() / "central.db",
                "SELECT count(*) AS n, sum(amount_pico_usd) AS total FROM budget_holds");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].Int("n"), 50);
  EXPECT_EQ(held[0].Int("total"), 50 * each.pico());

  // Their usage recorded: every hold settled, the spend is the sum of the recorded costs.
  for (const std::string& request_id : admitted) {
    const HttpResponse r = Post(
        "/v1/usage/record",
        R"({"request_id":")" + request_id +
            R"(","user_external_id":"u-1","source_app":"my-project","model":"gemini-2.5-flash",)"
            R"("units":{"input_tokens":900,"output_tokens":150},"latency_ms":5,"status":"success"})");
    ASSERT_EQ(r.status, 200) << r.body;
  }
  EXPECT_EQ(
      QueryRows(central_->dir() / "central.db", "SELECT count(*) AS n FROM budget_holds")[0].Int(
          "n"),
      0);
  const auto spend = QueryRows(central_->dir() / "central.db",
                               "SELECT spent_pico_usd AS spent, events FROM budget_spend");
  const auto costs =
      QueryRows(central_->dir() / "central.db", "SELECT sum(cost_pico_usd) AS total FROM events");
  ASSERT_EQ(spend.size(), 1u);
  EXPECT_EQ(spend[0].Int("events"), 50);
  EXPECT_EQ(spend[0].Int("spent"), costs[0].Int("total"));
}

}  // namespace
}  // namespace costgate::integration
