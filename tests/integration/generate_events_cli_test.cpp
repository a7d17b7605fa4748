// `costgate central generate-events`: synthetic events stored through central's ingest path,
// priced, counted into the budgets that cover them, and stored once when made again.
#include <gtest/gtest.h>

#include "tests/integration/command_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/json_helpers.h"
#include "tests/support/sqlite_rows.h"

namespace costgate::integration {
namespace {

constexpr auto kGenerateWait = std::chrono::seconds(60);

class GenerateEventsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = (dir_.path() / "costgate.yaml").string();
    db_ = dir_.path() / "central.db";
    WriteFile(config_, "central:\n  store: \"sqlite:" + db_.string() + "\"\n");
  }

  CommandResult Costgate(std::vector<std::string> args) {
    args.insert(args.end(), {"--config", config_});
    return RunCostgate(args, dir_.path(), kGenerateWait);
  }

  std::string Scalar(const std::string& sql) {
    const auto rows = test_support::QueryRows(db_, sql);
    return rows.empty() || !rows[0].begin()->second ? "" : *rows[0].begin()->second;
  }

  TempDir dir_;
  std::string config_;
  std::filesystem::path db_;
};

TEST_F(GenerateEventsCliTest, StoresPricedSyntheticEventsOnceAndCountsThemIntoBudgets) {
  const CommandResult budget =
      Costgate({"budgets", "create", "--name", "synthetic-spend", "--amount-usd", "100000",
                "--period", "monthly", "--source-app", "synthetic", "--json"});
  ASSERT_EQ(budget.exit_code, 0) << budget.err;

  const CommandResult first =
      Costgate({"central", "generate-events", "--events", "3000", "--days", "2", "--seed", "5"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("generated 3000 synthetic events (source_app synthetic) over the last "
                           "2 days, seed 5: 3000 stored, 0 already there"),
            std::string::npos)
      << first.out;
  EXPECT_EQ(Scalar("SELECT count(*) FROM events WHERE source_app = 'synthetic' AND "
                   "host = 'synthetic'"),
            "3000");
  EXPECT_EQ(Scalar("SELECT count(*) FROM events WHERE status = 'success' AND "
                   "(cost_pico_usd IS NULL OR cost_pico_usd = 0)"),
            "0")
      << "every successful synthetic call is priced";

  // The budget counted the events of its current period, exactly.
  const std::string month_spend = Scalar(
      "SELECT coalesce(sum(cost_pico_usd), 0) FROM events WHERE start_unix_ms >= "
      "(SELECT period_start_unix_ms FROM budget_spend) AND start_unix_ms < "
      "(SELECT period_end_unix_ms FROM budget_spend)");
  const CommandResult shown = Costgate({"budgets", "show", "synthetic-spend", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(std::to_string(JsonInt(shown.out, "/budget/spend/spent_pico_usd").value_or(-1)),
            month_spend)
      << shown.out;

  // The same seed in the same hour: the same events, stored once.
  const CommandResult again =
      Costgate({"central", "generate-events", "--events", "3000", "--days", "2", "--seed", "5"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  if (again.out.find("0 stored, 3000 already there") == std::string::npos) {
    // The hour turned between the runs: the range moved, so some events are new. Nothing may
    // be counted twice all the same.
    EXPECT_EQ(Scalar("SELECT count(*) - count(DISTINCT event_id) FROM events"), "0");
  }
}

TEST_F(GenerateEventsCliTest, RefusesBadArgumentsNamingThem) {
  const CommandResult missing = Costgate({"central", "generate-events"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--events N is required"), std::string::npos) << missing.err;
  const CommandResult bad =
      Costgate({"central", "generate-events", "--events", "10", "--days", "0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--days must be a whole number from 1 to 400, not '0'"), std::string::npos)
      << bad.err;
  const CommandResult unknown = Costgate({"central", "generate-events", "--events", "10", "--x"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("option --x unknown"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace costgate::integration
