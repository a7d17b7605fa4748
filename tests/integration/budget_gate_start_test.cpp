// preflight.mode as the daemon resolves it at start: lease or central with no central to ask
// stops the start naming the key; a proxy with a central leases (its syncs counted on
// /metrics); a reload that changes the mode is warned about and keeps the running one.
#include <gtest/gtest.h>

#include "tests/integration/command_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"
#include "tests/support/refusing_port.h"

namespace costgate::integration {
namespace {

TEST(BudgetGateStart, LeaseOrCentralModeWithoutACentralStopsTheStartNamingTheKey) {
  for (const std::string mode : {"lease", "central"}) {
    TempDir dir;
    const std::filesystem::path config = dir.path() / "costgate.yaml";
    WriteFile(config, "listen:\n  port: 0\npreflight:\n  mode: " + mode + "\n");
    const CommandResult result =
        RunCostgate({"proxy", "--config", config.string()}, dir.path(), std::chrono::seconds(10));
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.err.find(R"("msg":"cannot start","path":"preflight.mode","error":)"
                              R"("preflight.mode: )" +
                              mode + " needs a central to ask"),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "costgate-receipts.db"));
  }
}

class BudgetGateLeaseTest : public IntegrationTest {
 protected:
  DaemonSettings Settings(std::string_view mode) {
    DaemonSettings settings = MockUpstreamSettings();
    settings.extra_yaml =
        "shipper:\n  url: \"http://127.0.0.1:" + std::to_string(refused_.port()) +
        "\"\n  api_key: \"ct_live_budget_start\"\npreflight:\n  mode: " + std::string(mode) + "\n";
    return settings;
  }
  CostgateProcess& StartDaemon() override {
    own_ = std::make_unique<DaemonUnderTest>(Settings("auto"));
    return *own_->daemon;
  }

  test_support::RefusingPort refused_;

 private:
  std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(BudgetGateLeaseTest, AProxyWithACentralLeasesAndAModeChangeWaitsForARestart) {
  const auto started = daemon().WaitForLogLine("budget checks", 0, kWait);
  ASSERT_TRUE(started.has_value()) << daemon().Log();
  EXPECT_EQ(JsonString(*started, "/mode"), "lease") << *started;
  const std::string holder = JsonString(*started, "/holder").value_or("");
  EXPECT_EQ(holder.rfind("px_", 0), 0u) << *started;
  EXPECT_EQ(holder.size(), 19u) << *started;
  // Central refuses every connection: the syncs are counted, and the failure logged once.
  ASSERT_TRUE(daemon()
                  .WaitForLogLine("budget lease sync failed; hard budgets follow "
                                  "preflight.fail_closed until central answers",
                                  0, kWait)
                  .has_value());
  HttpRequest scrape;
  scrape.url = daemon().Url("/metrics");
  const HttpResponse metrics = Http(scrape);
  EXPECT_NE(metrics.body.find(R"(costgate_budget_lease_syncs_total{result="unreachable"})"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find(R"(costgate_budget_reservations_total{result="held"})"),
            std::string::npos)
      << metrics.body;

  WriteFile(daemon().config_path(), RenderConfigYaml(Settings("off"), daemon().receipts().path()));
  daemon().process().Signal(SIGHUP);
  ASSERT_TRUE(daemon().WaitForLogLine("configuration reloaded", 0, kWait).has_value());
  const std::vector<std::string> warned = daemon().LogLines(
      "listen, receipts.path/synchronous, shipper, preflight.mode/holder_id, central.store "
      "(central.database) and alerts change only on restart");
  EXPECT_EQ(warned.size(), 1u) << daemon().Log();
}

}  // namespace
}  // namespace costgate::integration
