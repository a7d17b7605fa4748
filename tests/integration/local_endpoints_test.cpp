// Endpoints the daemon answers itself: health, readiness, metrics, and the 404 for unknown paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "tests/integration/integration_fixture_helpers.h"
#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

using LocalEndpointsTest = SharedDaemonTest;

HttpResponse Get(CostgateProcess& daemon, std::string_view path,
                 std::vector<std::string> headers = {}) {
  HttpRequest request;
  request.url = daemon.Url(path);
  request.headers = std::move(headers);
  return Http(request);
}

TEST_F(LocalEndpointsTest, HealthzAnswersOk) {
  const HttpResponse response = Get(daemon(), "/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(JsonString(response.body, "/status"), "ok") << response.body;
}

TEST_F(LocalEndpointsTest, ReadyzAnswersReady) {
  const HttpResponse response = Get(daemon(), "/readyz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(JsonString(response.body, "/status"), "ready") << response.body;
}

TEST_F(LocalEndpointsTest, MetricsCountProxiedRequestsPerProvider) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const std::string series =
      R"(costgate_requests_total{provider="gemini",operation="streamGenerateContent",)"
      R"(status="200"})";
  const double before = std::max(0.0, MetricValue(daemon(), series));
  ASSERT_EQ(Http(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("metrics"))).status, 200);
  EXPECT_EQ(WaitForMetricAtLeast(daemon(), series, before + 1, kWait), before + 1);
}

TEST_F(LocalEndpointsTest, MetricsUsePrometheusTextFormatWithTheDocumentedFamilies) {
  const HttpResponse response = Get(daemon(), "/metrics");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Type").value_or("").rfind("text/plain; version=0.0.4", 0), 0u)
      << response.Header("Content-Type").value_or("<none>");
  // Declared even before any traffic: a labelled family has no samples until its first event.
  for (const char* declaration :
       {"# TYPE costgate_requests_total counter",
        "# TYPE costgate_upstream_latency_seconds histogram",
        "# TYPE costgate_request_bytes_total counter",
        "# TYPE costgate_response_bytes_total counter", "# TYPE costgate_open_connections gauge",
        "# TYPE costgate_receipts_written_total counter"}) {
    EXPECT_NE(response.body.find(declaration), std::string::npos) << declaration;
  }
}

TEST_F(LocalEndpointsTest, UnknownRouteAnswers404WithRoutesAndForwardsNothing) {
  const std::string marker = UniqueToken("unknown");
  const HttpResponse response = Get(
      daemon(), "/openai/v1/chat/completions",
      {"x-mock-fixture: pydanticai-countTokens-raw", std::string(kMarkerHeader) + ": " + marker});
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(JsonInt(response.body, "/error/code"), 404) << response.body;
  EXPECT_EQ(JsonString(response.body, "/error/status"), "NOT_FOUND");
  EXPECT_EQ(JsonString(response.body, "/error/reason"), "unknown_route");
  EXPECT_GT(JsonArraySize(response.body, "/error/routes").value_or(0), 0u) << response.body;

  // A later request on another connection reaches the mock; the unknown one never did.
  const std::string barrier = UniqueToken("barrier");
  ASSERT_EQ(
      Http(FixtureRequest(daemon(), LoadFixture("pydanticai-countTokens-raw"), "/gemini", barrier))
          .status,
      200);
  EXPECT_EQ(mock().RequestsWith(kMarkerHeader, barrier).size(), 1u);
  EXPECT_TRUE(mock().RequestsWith(kMarkerHeader, marker).empty());
}

TEST_F(LocalEndpointsTest, AccessLogHasOneLineForEachProxiedRequest) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-streamGenerateContent-sse");
  const HttpResponse response =
      Http(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("access")));
  ASSERT_EQ(response.status, 200);
  const std::string event_id = response.Header("x-costgate-event-id").value_or("");
  // The receipt is written at completion, after the access line.
  ASSERT_TRUE(daemon().receipts().WaitForReceipt(event_id, kWait).has_value());
  ASSERT_TRUE(daemon().WaitForAccessLine(event_id, kWait).has_value());

  std::istringstream lines(daemon().Log());
  std::string line;
  std::vector<std::string> access_lines;
  while (std::getline(lines, line)) {
    if (JsonString(line, "/msg") == "request" && JsonString(line, "/event_id") == event_id) {
      access_lines.push_back(line);
    }
  }
  ASSERT_EQ(access_lines.size(), 1u);
  const std::string& access = access_lines[0];
  EXPECT_EQ(JsonString(access, "/method"), "POST");
  EXPECT_EQ(JsonString(access, "/provider"), "gemini");
  EXPECT_EQ(JsonString(access, "/operation"), "streamGenerateContent");
  EXPECT_EQ(JsonString(access, "/model"), "gemini-2.0-flash-001");
  EXPECT_EQ(JsonInt(access, "/status"), 200);
  EXPECT_EQ(JsonString(access, "/outcome"), "success");
  EXPECT_EQ(JsonInt(access, "/request_bytes"), static_cast<int64_t>(fixture.request_body.size()));
  EXPECT_EQ(JsonInt(access, "/response_bytes"), static_cast<int64_t>(fixture.response_body.size()));
  EXPECT_GE(JsonInt(access, "/latency_ms").value_or(-1), 0) << access;
  EXPECT_GE(JsonInt(access, "/ttfb_ms").value_or(-1), 0) << access;
}

}  // namespace
}  // namespace costgate::integration
