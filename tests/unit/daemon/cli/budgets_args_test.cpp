#include "daemon/cli/budgets_args.h"

#include <gtest/gtest.h>

namespace costgate::daemon::cli {
namespace {

std::optional<BudgetsArgs> ParseBudgets(std::vector<std::string_view> args) {
  return ParseBudgetsArgs(args);
}

TEST(ParseBudgetsArgs, CreateFillsTheInputFromEveryOption) {
  const auto args = ParseBudgets({"create",
                                  "--name",
                                  "video",
                                  "--amount-usd=250.5",
                                  "--period",
                                  "quarterly",
                                  "--time-zone",
                                  "Europe/Berlin",
                                  "--fiscal-first-month",
                                  "4",
                                  "--workspace",
                                  "ford",
                                  "--team",
                                  "video",
                                  "--project",
                                  "p-7",
                                  "--source-app",
                                  "app",
                                  "--environment",
                                  "prod",
                                  "--user",
                                  "u-1",
                                  "--provider",
                                  "gemini",
                                  "--model",
                                  "gemini-2.5-flash",
                                  "--thresholds",
                                  "50,80,100",
                                  "--hard",
                                  "--per-request-cap-usd",
                                  "0.25",
                                  "--fail-closed",
                                  "--json",
                                  "--config",
                                  "c.yaml"});
  ASSERT_TRUE(args.has_value());
  const central::budgets::BudgetInput& in = args->input;
  EXPECT_EQ(args->subcommand, "create");
  EXPECT_EQ(in.name, "video");
  EXPECT_EQ(in.amount_usd, "250.5");
  EXPECT_EQ(in.period, "quarterly");
  EXPECT_EQ(in.time_zone, "Europe/Berlin");
  EXPECT_EQ(in.fiscal_first_month, 4);
  const std::array<std::string, 8> scope = {"ford", "video", "p-7",    "app",
                                            "prod", "u-1",   "gemini", "gemini-2.5-flash"};
  for (size_t i = 0; i < scope.size(); ++i) {
    EXPECT_EQ(in.scope[i], scope[i]) << i;
  }
  EXPECT_EQ(in.thresholds_percent, (std::vector<int64_t>{50, 80, 100}));
  EXPECT_EQ(in.hard_limit, true);
  EXPECT_EQ(in.per_request_cap_usd, std::optional<std::string>("0.25"));
  EXPECT_EQ(in.fail_closed, std::optional<bool>(true));
  EXPECT_TRUE(args->json);
  EXPECT_EQ(args->config_path, "c.yaml");
}

TEST(ParseBudgetsArgs, SetLeavesWhatIsNotGivenUnset) {
  const auto args = ParseBudgets({"set", "video", "--soft", "--fail-default", "--model", "",
                                  "--per-request-cap-usd", "none", "--thresholds", "none"});
  ASSERT_TRUE(args.has_value());
  EXPECT_EQ(args->target, "video");
  const central::budgets::BudgetInput& in = args->input;
  EXPECT_FALSE(in.name.has_value());
  EXPECT_FALSE(in.amount_usd.has_value());
  EXPECT_FALSE(in.scope[0].has_value());
  EXPECT_EQ(in.scope[7], "");  // any model again
  EXPECT_EQ(in.hard_limit, false);
  ASSERT_TRUE(in.fail_closed.has_value());
  EXPECT_FALSE(in.fail_closed->has_value());  // the config's default
  ASSERT_TRUE(in.per_request_cap_usd.has_value());
  EXPECT_FALSE(in.per_request_cap_usd->has_value());  // no cap
  EXPECT_EQ(in.thresholds_percent, std::vector<int64_t>{});
}

TEST(ParseBudgetsArgs, ShowListAndDeleteTakeTheirArguments) {
  EXPECT_EQ(ParseBudgets({"show", "bud_1", "--json"})->target, "bud_1");
  EXPECT_TRUE(ParseBudgets({"list", "--json"})->json);
  EXPECT_EQ(ParseBudgets({"delete", "video"})->target, "video");
}

TEST(ParseBudgetsArgs, RefusesMisuse) {
  const std::vector<std::vector<std::string_view>> bad = {
      {},
      {"remove", "x"},
      {"show"},
      {"show", "a", "b"},
      {"list", "extra"},
      {"delete", "x", "--json"},
      {"list", "--name", "x"},
      {"show", "x", "--hard"},
      {"create", "--colour", "blue"},
      {"create", "--hard", "--soft"},
      {"create", "--fail-open", "--fail-closed"},
      {"create", "--name", "a", "--name", "b"},
      {"create", "--hard=yes"},
      {"create", "--name"},
      {"create", "--thresholds", "50,,80"},
      {"create", "--thresholds", "fifty"},
      {"create", "--fiscal-first-month", "april"},
  };
  for (const auto& args : bad) {
    EXPECT_FALSE(ParseBudgets(args).has_value()) << (args.empty() ? "" : args[0]);
  }
}

TEST(OptionOfField, NamesTheOptionOfAnApiField) {
  EXPECT_EQ(OptionOfField("amount_usd"), "--amount-usd");
  EXPECT_EQ(OptionOfField("name"), "--name");
  EXPECT_EQ(OptionOfField("scope.source_app"), "--source-app");
  EXPECT_EQ(OptionOfField("thresholds_percent[2]"), "--thresholds");
  EXPECT_EQ(OptionOfField("hard_limit"), "--hard/--soft");
  EXPECT_EQ(OptionOfField("fail_closed"), "--fail-closed/--fail-open/--fail-default");
  EXPECT_EQ(OptionOfField("per_request_cap_usd"), "--per-request-cap-usd");
  EXPECT_EQ(OptionOfField("fiscal_first_month"), "--fiscal-first-month");
  EXPECT_EQ(OptionOfField("time_zone"), "--time-zone");
}

}  // namespace
}  // namespace costgate::daemon::cli
