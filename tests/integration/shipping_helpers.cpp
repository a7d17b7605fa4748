#include "tests/integration/shipping_helpers.h"

#include <cstdlib>
#include <sstream>
#include <thread>

namespace costgate::integration {

DaemonSettings ShippingProxySettings(const std::string& central_url, const std::string& key) {
  DaemonSettings settings = MockUpstreamSettings();
  settings.labels = {{"source_app", "ship-app"}, {"workspace", "ws-ship"}};
  // Budget checks off: these tests count every request the proxy sends to that URL (the fault
  // relay drops every other one), and in lease mode the lease client would post there too.
  settings.extra_yaml = ShipperYaml(central_url, key) + "preflight:\n  mode: off\n";
  return settings;
}

std::vector<std::string> SendMeteredCalls(const CostgateProcess& proxy, int n,
                                          const std::string& tag) {
  const GeminiFixture json = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  const GeminiFixture sse = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  std::vector<std::string> event_ids;
  HttpClient client;
  for (int i = 0; i < n; ++i) {
    const std::string marker = UniqueToken(tag);
    const HttpResponse response = client.Perform(FixtureRequest(
        proxy, i % 2 == 0 ? json : sse, "/gemini", marker,
        {"x-costgate-user: user-" + std::to_string(i % 3), "x-costgate-job: " + marker}));
    EXPECT_EQ(response.status, 200) << response.body;
    event_ids.push_back(response.Header("x-costgate-event-id").value_or(""));
  }
  return event_ids;
}

void ExpectExactlyOnceAtCentral(const CentralUnderTest& central, const CostgateProcess& proxy,
                                const std::vector<std::string>& event_ids) {
  EXPECT_EQ(central.CountEvents(), static_cast<int64_t>(event_ids.size()));
  for (const std::string& event_id : event_ids) {
    const std::vector<ReceiptRow> events = central.Events("event_id = ?1", {event_id});
    ASSERT_EQ(events.size(), 1u) << event_id;
    const std::optional<ReceiptRow> receipt = proxy.receipts().WaitForReceipt(event_id, kWait);
    ASSERT_TRUE(receipt.has_value()) << event_id;
    const ReceiptRow& event = events[0];
    EXPECT_EQ(event.Text("units_json"), receipt->Text("units_json")) << event_id;
    EXPECT_EQ(event.Text("status"), receipt->Text("outcome")) << event_id;
    EXPECT_EQ(event.Text("user"), receipt->Text("user")) << event_id;
    EXPECT_EQ(event.Text("job"), receipt->Text("job")) << event_id;
    EXPECT_EQ(event.Text("source_app"), receipt->Text("source_app")) << event_id;
    EXPECT_EQ(event.Text("workspace"), receipt->Text("workspace")) << event_id;
    EXPECT_EQ(event.Text("model"), receipt->Text("model_requested")) << event_id;
    EXPECT_EQ(event.Text("proxy_cost_pico_usd"), receipt->Text("cost_pico_usd")) << event_id;
    // Central prices with its own book by the proxy's rules: with the same book, the same figure
    // and the same notes.
    EXPECT_EQ(event.Text("cost_pico_usd"), receipt->Text("cost_pico_usd")) << event_id;
    EXPECT_EQ(event.Text("pricing_notes"), receipt->Text("pricing_notes")) << event_id;
    EXPECT_EQ(event.Text("origin"), "proxy");
  }
}

double MetricValue(const CostgateProcess& proxy, const std::string& series) {
  HttpRequest request;
  request.url = proxy.Url("/metrics");
  const HttpResponse response = Http(request);
  std::istringstream lines(response.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ') {
      return std::strtod(line.c_str() + series.size() + 1, nullptr);
    }
  }
  return -1;
}

double WaitForMetricAtLeast(const CostgateProcess& proxy, const std::string& series, double minimum,
                            std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  double value = MetricValue(proxy, series);
  while (value < minimum && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    value = MetricValue(proxy, series);
  }
  return value;
}

}  // namespace costgate::integration
