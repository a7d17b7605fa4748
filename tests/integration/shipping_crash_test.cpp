// kill -9 of a shipping proxy in the middle of streaming responses, three times: every admitted
// call still ends as exactly one event at central, success or interrupted.
#include <gtest/gtest.h>

#include "tests/integration/held_stream_helpers.h"
#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

class ShippingCrashTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    central_ = std::make_unique<CentralUnderTest>();
    settings_ = ShippingProxySettings(
        central_->Url(), central_->CreateKey("crash-" + UniqueToken("key"), "ship-app", "ship"));
    proxy_ = std::make_unique<DaemonUnderTest>(settings_);
    return *proxy_->daemon;
  }

  std::unique_ptr<CentralUnderTest> central_;
  DaemonSettings settings_;
  std::unique_ptr<DaemonUnderTest> proxy_;
};

TEST_F(ShippingCrashTest, EveryAdmittedCallEndsAsExactlyOneEventAcrossKill9Restarts) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  std::vector<std::string> finished;
  std::vector<std::string> cut;
  std::unique_ptr<CostgateProcess> restarted;
  CostgateProcess* running = &daemon();
  for (int round = 0; round < 3; ++round) {
    for (const std::string& id : SendMeteredCalls(*running, 4, "crash-done")) {
      // Committed before the kill: a receipt still in memory (at most flush_interval_ms) is the
      // documented window a crash can lose.
      ASSERT_TRUE(running->receipts().WaitForReceipt(id, kWait).has_value()) << id;
      finished.push_back(id);
    }
    const std::vector<std::string> ids = KillWithTwoStreamsInFlight(*running, mock(), fixture);
    ASSERT_EQ(ids.size(), 2u);
    cut.insert(cut.end(), ids.begin(), ids.end());
    restarted = std::make_unique<CostgateProcess>(settings_, proxy_->dir.path());
    running = restarted.get();
  }
  const int64_t admitted = static_cast<int64_t>(finished.size() + cut.size());
  EXPECT_EQ(central_->WaitForEventCount(admitted, kShipWait), admitted);
  // Give a late duplicate insert (there must be none) no chance to hide behind the count.
  EXPECT_EQ(central_->CountEvents(), admitted);
  for (const std::string& id : finished) {
    const auto events = central_->Events("event_id = ?1", {id});
    ASSERT_EQ(events.size(), 1u) << id;
    EXPECT_EQ(events[0].Text("status"), "success") << id;
  }
  for (const std::string& id : cut) {
    const auto events = central_->Events("event_id = ?1", {id});
    ASSERT_EQ(events.size(), 1u) << id;
    EXPECT_EQ(events[0].Text("status"), "interrupted") << id;
    EXPECT_EQ(events[0].Text("reason"), "daemon_crashed") << id;
    EXPECT_EQ(events[0].Int("estimated"), 1) << id;
    // Central prices the admission estimate: a crashed call is counted, not free.
    EXPECT_FALSE(events[0].IsNull("cost_pico_usd")) << id;
  }
}

}  // namespace
}  // namespace costgate::integration
