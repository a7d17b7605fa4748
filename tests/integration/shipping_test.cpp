// Delivery from the proxy's outbox to central: every metered call becomes exactly one event at
// central, whatever fails in between (central down, 500s, lost answers, kill -9 of the proxy).
#include <gtest/gtest.h>

#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

constexpr int kCalls = 24;

class ShippingTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    central_ = std::make_unique<CentralUnderTest>(FreeLoopbackPort());
    key_ = central_->CreateKey("proxy-" + UniqueToken("key"), "ship-app", "ship");
    return StartProxy(central_->Url());
  }
  CostgateProcess& StartProxy(const std::string& central_url) {
    proxy_ = std::make_unique<DaemonUnderTest>(ShippingProxySettings(central_url, key_));
    return *proxy_->daemon;
  }

  std::unique_ptr<CentralUnderTest> central_;
  std::string key_;
  std::unique_ptr<DaemonUnderTest> proxy_;
};

TEST_F(ShippingTest, EveryCallBecomesExactlyOneEventWithItsUnitsAndLabels) {
  const std::vector<std::string> ids = SendMeteredCalls(daemon(), kCalls, "ship");
  EXPECT_EQ(central_->WaitForEventCount(kCalls, kShipWait), kCalls);
  ExpectExactlyOnceAtCentral(*central_, daemon(), ids);
  const std::vector<ReceiptRow> event = central_->Events("event_id = ?1", {ids[0]});
  ASSERT_EQ(event.size(), 1u);
  EXPECT_EQ(event[0].Text("workspace"), "ws-ship");
  EXPECT_EQ(event[0].Text("user"), "user-0");
  EXPECT_FALSE(event[0].IsNull("cost_pico_usd"));  // repriced by central's book
}

TEST_F(ShippingTest, PricingNotesReachCentralWhichComputesTheSame) {
  // A flex call on gemini-2.0-flash (no flex rates: priced at standard) and a call served by
  // gemini-2.0-flash-exp (priced at gemini-2.0-flash's row).
  HttpRequest flex =
      FixtureRequest(daemon(), LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip"),
                     "/gemini", UniqueToken("notes"));
  ASSERT_TRUE(flex.body.has_value() && flex.body->starts_with("{"));
  flex.body->insert(1, R"("serviceTier":"flex",)");
  const HttpRequest exp = FixtureRequest(daemon(), LoadFixture("pydanticai-2.0-flash-exp-sse"),
                                         "/gemini", UniqueToken("notes"));
  HttpClient client;
  std::vector<std::string> ids;
  for (const HttpRequest& request : {flex, exp}) {
    const HttpResponse response = client.Perform(request);
    ASSERT_EQ(response.status, 200) << response.body;
    ids.push_back(response.Header("x-costgate-event-id").value_or(""));
  }
  EXPECT_EQ(central_->WaitForEventCount(2, kShipWait), 2);
  ExpectExactlyOnceAtCentral(*central_, daemon(), ids);
  EXPECT_EQ(central_->Events("event_id = ?1", {ids[0]}).at(0).Text("pricing_notes"),
            "tier_fallback");
  EXPECT_EQ(central_->Events("event_id = ?1", {ids[1]}).at(0).Text("pricing_notes"),
            "model_fallback");
}

TEST_F(ShippingTest, BacklogBuiltWhileCentralIsDownDrainsOnceItIsUp) {
  central_->Stop();
  const std::vector<std::string> ids = SendMeteredCalls(daemon(), kCalls, "down");
  ASSERT_TRUE(daemon().receipts().WaitForReceipt(ids.back(), kWait).has_value());
  // The shipper has tried and failed at least once; the backlog is on /metrics.
  const auto deadline = Clock::now() + kShipWait;
  while ((MetricValue(daemon(), R"(costgate_shipper_batches_total{result="failed"})") < 1 ||
          MetricValue(daemon(), "costgate_shipper_backlog") != kCalls) &&
         Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, bounded above
  }
  EXPECT_GE(MetricValue(daemon(), R"(costgate_shipper_batches_total{result="failed"})"), 1);
  EXPECT_EQ(MetricValue(daemon(), "costgate_shipper_backlog"), kCalls);
  central_->Start();
  EXPECT_EQ(central_->WaitForEventCount(kCalls, kShipWait), kCalls);
  ExpectExactlyOnceAtCentral(*central_, daemon(), ids);
}

TEST_F(ShippingTest, CentralFailingEveryOtherRequestLosesAndDoublesNothing) {
  FaultRelay relay(central_->port(), "fail-every-other");
  CostgateProcess& proxy = StartProxy(relay.Url());
  const std::vector<std::string> ids = SendMeteredCalls(proxy, kCalls, "flaky");
  EXPECT_EQ(central_->WaitForEventCount(kCalls, kShipWait), kCalls);
  ExpectExactlyOnceAtCentral(*central_, proxy, ids);
  EXPECT_GE(relay.Stat("failed"), 1);
}

TEST_F(ShippingTest, BatchStoredButAnswerLostIsResentAndAcknowledgedAsDuplicate) {
  FaultRelay relay(central_->port(), "drop-every-other");
  CostgateProcess& proxy = StartProxy(relay.Url());
  const std::vector<std::string> ids = SendMeteredCalls(proxy, kCalls, "dup");
  EXPECT_EQ(central_->WaitForEventCount(kCalls, kShipWait), kCalls);
  // Every receipt ends marked shipped: duplicates count as acknowledged.
  const auto deadline = Clock::now() + kShipWait;
  while (MetricValue(proxy, "costgate_shipper_backlog") != 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, bounded above
  }
  EXPECT_EQ(MetricValue(proxy, "costgate_shipper_backlog"), 0);
  EXPECT_GE(relay.Stat("dropped"), 1);
  EXPECT_GE(MetricValue(proxy, R"(costgate_shipper_events_total{result="duplicate"})"), 1);
  ExpectExactlyOnceAtCentral(*central_, proxy, ids);
}

}  // namespace
}  // namespace costgate::integration
