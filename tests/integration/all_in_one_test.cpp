// `costgate all`: the proxy and central in one process. A call through the proxy becomes
// exactly one event at the in-process central, with the shipper's metrics as over the network,
// and central's own API answers on its listener beside it.
#include <gtest/gtest.h>

#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

constexpr int kCalls = 8;

class AllInOneTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    all_ = std::make_unique<CentralUnderTest>(0, "", [](DaemonSettings& settings) {
      const DaemonSettings mock = MockUpstreamSettings();
      settings.role = "all";
      settings.central_port = settings.port;
      settings.port = 0;
      settings.upstream_url = mock.upstream_url;
      settings.ca_file = mock.ca_file;
      settings.labels = {{"source_app", "ship-app"}, {"workspace", "ws-ship"}};
      // No url: shipped in process. Short age and backoff, as the shipping tests use.
      settings.extra_yaml =
          "shipper:\n  batch_age_ms: 50\n  backoff_first_ms: 50\n  backoff_max_ms: 400\n";
    });
    return all_->process();
  }

  HttpResponse Get(const std::string& url) {
    HttpRequest request;
    request.url = url;
    return Http(request);
  }

  std::unique_ptr<CentralUnderTest> all_;
};

TEST_F(AllInOneTest, EveryCallThroughTheProxyIsExactlyOneEventAtTheInProcessCentral) {
  const std::vector<std::string> ids = SendMeteredCalls(daemon(), kCalls, "all");
  EXPECT_EQ(all_->WaitForEventCount(kCalls, kShipWait), kCalls);
  ExpectExactlyOnceAtCentral(*all_, daemon(), ids);
  // The shipper's metrics read as they do over the network.
  EXPECT_GE(
      WaitForMetricAtLeast(daemon(), R"(costgate_shipper_batches_total{result="sent"})", 1, kWait),
      1);
  EXPECT_EQ(WaitForMetricAtLeast(daemon(), R"(costgate_shipper_events_total{result="stored"})",
                                 kCalls, kWait),
            kCalls);
  EXPECT_NE(daemon().Log().find(R"("msg":"shipping receipts to central","url":"in-process")"),
            std::string::npos);
}

TEST_F(AllInOneTest, CentralsOwnApiAnswersOnItsListenerBesideTheProxy) {
  const HttpResponse health = Get(all_->Url("/v1/health"));
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok","db":"ok"})");

  const std::string key = all_->CreateKey("record-" + UniqueToken("key"), "my-project", "record");
  HttpRequest record;
  record.method = "POST";
  record.url = all_->Url("/v1/usage/record");
  record.headers = {"X-API-Key: " + key, "Content-Type: application/json"};
  record.body =
      R"({"request_id":"","user_external_id":"test-user","source_app":"my-project","model":"gemini-2.5-pro-preview","units":{"input_tokens":987,"output_tokens":180},"latency_ms":1200,"status":"success"})";
  const HttpResponse recorded = Http(record);
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const std::string event_id = JsonString(recorded.body, "/event_id").value_or("");
  const std::vector<ReceiptRow> events = all_->Events("event_id = ?1", {event_id});
  ASSERT_EQ(events.size(), 1u) << recorded.body;
  EXPECT_EQ(events[0].Text("origin"), "record");

  // Each listener keeps its role: the proxy reports its outbox, central does not forward.
  EXPECT_EQ(Get(daemon().Url("/readyz")).body, R"({"status":"ready","outbox":"ok"})");
  EXPECT_EQ(Get(all_->Url("/readyz")).body, R"({"status":"ready"})");
  const HttpResponse unrouted = Get(all_->Url("/v1beta/models/gemini-2.0-flash:generateContent"));
  EXPECT_EQ(unrouted.status, 404) << unrouted.body;
}

TEST_F(AllInOneTest, ReceiptsOfCallsMadeBeforeAStopReachCentralAfterTheRestart) {
  const std::vector<std::string> ids = SendMeteredCalls(daemon(), kCalls, "restart");
  ASSERT_TRUE(daemon().receipts().WaitForReceipt(ids.back(), kWait).has_value());
  all_->Stop();
  all_->Start();
  EXPECT_EQ(all_->WaitForEventCount(kCalls, kShipWait), kCalls);
  ExpectExactlyOnceAtCentral(*all_, all_->process(), ids);
}

}  // namespace
}  // namespace costgate::integration
