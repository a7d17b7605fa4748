// `costgate budgets` run as a command on a central database of its own, and beside a running
// central whose admin API and CLI see the same budgets, audit log and spend.
#include <gtest/gtest.h>

#include "tests/integration/central_helpers.h"
#include "tests/integration/command_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/json_helpers.h"

namespace costgate::integration {
namespace {

constexpr auto kBudgetsCommandWait = std::chrono::seconds(20);

class BudgetsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = (dir_.path() / "costgate.yaml").string();
    WriteFile(config_,
              "central:\n  store: \"sqlite:" + (dir_.path() / "central.db").string() + "\"\n");
  }

  // `costgate budgets args... --config <this test's>`.
  CommandResult Budgets(std::vector<std::string> args) {
    args.insert(args.begin(), "budgets");
    args.insert(args.end(), {"--config", config_});
    return RunCostgate(args, dir_.path(), kBudgetsCommandWait);
  }

  TempDir dir_;
  std::string config_;
};

TEST_F(BudgetsCliTest, CreateListShowSetAndDelete) {
  const CommandResult created =
      Budgets({"create", "--name", "video-team", "--amount-usd", "250.5", "--period", "monthly",
               "--team", "video", "--hard", "--thresholds", "80,50", "--json"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string id = JsonString(created.out, "/id").value_or("");
  EXPECT_TRUE(id.starts_with("bud_")) << created.out;
  EXPECT_EQ(JsonInt(created.out, "/amount_pico_usd"), 250'500'000'000'000);
  EXPECT_EQ(JsonString(created.out, "/scope/team"), "video");
  EXPECT_EQ(JsonArraySize(created.out, "/thresholds_percent"), 2u);
  EXPECT_EQ(JsonInt(created.out, "/spend/spent_pico_usd"), 0);
  EXPECT_NE(created.err.find("created budget " + id + " (video-team)"), std::string::npos);

  const CommandResult listed = Budgets({"list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.rfind("ID ", 0), 0u) << listed.out;
  EXPECT_NE(listed.out.find(id + "  video-team  team=video  monthly"), std::string::npos)
      << listed.out;
  EXPECT_NE(listed.out.find("250.5"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("hard"), std::string::npos) << listed.out;

  const CommandResult set = Budgets({"set", "video-team", "--amount-usd", "300", "--soft"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("amount_usd           300\n"), std::string::npos) << set.out;
  EXPECT_NE(set.out.find("soft (alerts only)"), std::string::npos) << set.out;

  const CommandResult shown = Budgets({"show", id});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("name                 video-team"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("latest changes:"), std::string::npos) << shown.out;
  const size_t update = shown.out.find("budget.update");
  const size_t create = shown.out.find("budget.create");
  ASSERT_NE(update, std::string::npos) << shown.out;
  ASSERT_NE(create, std::string::npos) << shown.out;
  EXPECT_LT(update, create) << "newest first: " << shown.out;
  EXPECT_NE(shown.out.find("  cli"), std::string::npos) << shown.out;

  const CommandResult json = Budgets({"show", "video-team", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(JsonInt(json.out, "/budget/amount_pico_usd"), 300'000'000'000'000);
  EXPECT_EQ(JsonArraySize(json.out, "/audit"), 2u);
  EXPECT_EQ(JsonInt(json.out, "/audit/0/before/amount_pico_usd"), 250'500'000'000'000);
  EXPECT_EQ(JsonInt(json.out, "/audit/0/after/amount_pico_usd"), 300'000'000'000'000);

  const CommandResult deleted = Budgets({"delete", "video-team"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_NE(deleted.err.find("deleted budget " + id), std::string::npos) << deleted.err;
  const CommandResult gone = Budgets({"show", id});
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("no budget with id or name '" + id + "'"), std::string::npos) << gone.err;
  EXPECT_EQ(Budgets({"list", "--json"}).out, "{\"budgets\":[]}\n");
}

TEST_F(BudgetsCliTest, BadOptionsAreRefusedNamingThem) {
  const std::vector<std::string> base = {"create", "--name", "n", "--period", "monthly"};
  const auto with = [&base](std::vector<std::string> more) {
    std::vector<std::string> args = base;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {with({"--amount-usd", "-1"}), "--amount-usd: must not be negative"},
      {with({"--amount-usd", "0.0000000000001"}), "--amount-usd: must have at most 12 decimals"},
      {with({"--amount-usd", "1", "--time-zone", "Nowhere/Land"}), "--time-zone: must be an IANA"},
      {with({"--amount-usd", "1", "--fiscal-first-month", "13"}), "--fiscal-first-month: must be"},
      {with({"--amount-usd", "1", "--thresholds", "50,2000"}), "--thresholds: must be a percent"},
      {with({"--amount-usd", "1", "--per-request-cap-usd", "0"}), "--per-request-cap-usd: must"},
      {with({"--amount-usd", "1", "--model", std::string("a\x01")}), "--model: must not contain"},
      {with({}), "--amount-usd: required"},
      {with({"--amount-usd", "1", "--colour", "blue"}), "option --colour unknown"},
      {with({"--amount-usd", "1", "--hard", "--soft"}), "--hard/--soft given twice"},
      {{"create", "--name", "n", "--amount-usd", "1", "--period", "yearly"},
       "--period: must be daily, weekly, monthly or quarterly"},
  };
  for (const Case& c : cases) {
    const CommandResult result = Budgets(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.message;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << result.err;
  }

  ASSERT_EQ(Budgets(with({"--amount-usd", "1"})).exit_code, 0);
  const CommandResult taken = Budgets(with({"--amount-usd", "2"}));
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_NE(taken.err.find("a budget named 'n' exists already"), std::string::npos) << taken.err;
  EXPECT_EQ(Budgets({"set", "nothing", "--amount-usd", "1"}).exit_code, 1);
}

TEST_F(BudgetsCliTest, ListOnAMissingDatabaseNamesTheSettings) {
  WriteFile(config_,
            "central:\n  store: \"sqlite:" + (dir_.path() / "missing.db").string() + "\"\n");
  const CommandResult result = Budgets({"list"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no central database at"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("central.store"), std::string::npos) << result.err;
}

TEST(BudgetsBesideCentral, AdminApiAndCliShareBudgetsSpendAndAudit) {
  CentralUnderTest central;
  const std::string admin = central.CreateKey("ops", "", "admin");
  const std::string recorder = central.CreateKey("recorder", "my-project", "record");
  const auto call = [&central](const std::string& method, const std::string& path,
                               const std::vector<std::string>& headers,
                               std::optional<std::string> body) {
    HttpRequest request;
    request.method = method;
    request.url = central.Url(path);
    request.headers = headers;
    request.headers.push_back("Content-Type: application/json");
    request.body = std::move(body);
    return Http(request);
  };

  // An event stored before any budget exists.
  const HttpResponse recorded = call(
      "POST", "/v1/usage/record", {"X-API-Key: " + recorder},
      R"({"request_id":"","user_external_id":"u","source_app":"my-project","model":"gemini-2.5-flash","units":{"input_tokens":100000},"latency_ms":1,"status":"success"})");
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const std::string event_id = JsonString(recorded.body, "/event_id").value_or("");
  const std::vector<ReceiptRow> events = central.Events("event_id = ?1", {event_id});
  ASSERT_EQ(events.size(), 1u);
  const int64_t cost = events[0].Int("cost_pico_usd").value_or(0);
  ASSERT_GT(cost, 0);

  // Made over HTTP with a Bearer key: it starts from that event's cost.
  const HttpResponse created = call(
      "POST", "/admin/v1/budgets", {"Authorization: Bearer " + admin},
      R"({"name":"app","period":"monthly","amount_usd":"5","scope":{"source_app":"my-project"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(JsonInt(created.body, "/spend/spent_pico_usd"), cost) << created.body;
  EXPECT_EQ(call("GET", "/admin/v1/budgets", {"X-API-Key: " + recorder}, std::nullopt).status, 403);

  // The CLI sees it, with the key that made it in the audit log; and a budget it makes beside
  // the running central is seeded the same way.
  const auto budgets = [&central](std::vector<std::string> args) {
    args.insert(args.begin(), "budgets");
    args.insert(args.end(), {"--config", central.config_path().string()});
    return RunCostgate(args, central.dir(), kBudgetsCommandWait);
  };
  const CommandResult shown = budgets({"show", "app", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(JsonInt(shown.out, "/budget/spend/spent_pico_usd"), cost);
  EXPECT_TRUE(JsonString(shown.out, "/audit/0/actor").value_or("").starts_with("key:key_"))
      << shown.out;
  const CommandResult made =
      budgets({"create", "--name", "model", "--period", "monthly", "--amount-usd", "1", "--model",
               "gemini-2.5-flash", "--json"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(JsonInt(made.out, "/spend/spent_pico_usd"), cost);

  // Central counts the next event against both, and its API shows what the CLI made.
  ASSERT_EQ(
      call(
          "POST", "/v1/usage/record", {"X-API-Key: " + recorder},
          R"({"request_id":"","user_external_id":"u","source_app":"my-project","model":"gemini-2.5-flash","units":{"input_tokens":100000},"latency_ms":1,"status":"success"})")
          .status,
      200);
  const HttpResponse model =
      call("GET", "/admin/v1/budgets/model", {"X-API-Key: " + admin}, std::nullopt);
  ASSERT_EQ(model.status, 200) << model.body;
  EXPECT_EQ(JsonInt(model.body, "/spend/spent_pico_usd"), 2 * cost);
  EXPECT_EQ(JsonInt(model.body, "/spend/events"), 2);
}

}  // namespace
}  // namespace costgate::integration
