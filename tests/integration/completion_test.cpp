// Completion runs exactly once per admitted request, on the paths that end before any response
// is relayed: a request filter answering itself, and an upstream that refuses the connection.
// Each test has its own daemon, so the request counts in /metrics are exact.
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "tests/integration/integration_fixture_helpers.h"
#include "tests/support/refusing_port.h"

namespace costgate::integration {
namespace {

class CompletionTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    own_ = std::make_unique<DaemonUnderTest>(Settings());
    return *own_->daemon;
  }
  virtual DaemonSettings Settings() { return MockUpstreamSettings(); }

  // The value of a /metrics series whose line names `series` and carries every label in
  // `labels` (written as name="value"); nullopt while it is not rendered.
  std::optional<double> Metric(std::string_view series, const std::vector<std::string>& labels) {
    HttpRequest request;
    request.url = daemon().Url("/metrics");
    std::istringstream lines(Http(request).body);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.rfind(std::string(series) + "{", 0) != 0 &&
          line.rfind(std::string(series) + " ", 0) != 0) {
        continue;
      }
      bool all = true;
      for (const std::string& label : labels) {
        all = all && line.find(label) != std::string::npos;
      }
      if (all) {
        return std::stod(line.substr(line.rfind(' ') + 1));
      }
    }
    return std::nullopt;
  }

  // Polls until costgate_requests_total for generateContent with `status` reaches `count`, or
  // the wait ends; returns the last value (0 while absent).
  double WaitForCompleted(std::string_view status, double count) {
    const std::vector<std::string> labels = {R"(provider="gemini")",
                                             R"(operation="generateContent")",
                                             "status=\"" + std::string(status) + "\""};
    const auto deadline = Clock::now() + kWait;
    for (;;) {
      const double value = Metric("costgate_requests_total", labels).value_or(0);
      if (value >= count || Clock::now() >= deadline) {
        return value;
      }
      std::this_thread::sleep_for(Millis(10));  // polling, bounded by the deadline
    }
  }

  // Sends the fixture twice on one keep-alive connection, expecting `status` both times. The
  // connection reads the second request only after the first exchange has completed, so once
  // both are counted, a first exchange completed twice would already show.
  void SendTwiceOnOneConnection(std::string_view marker, const std::vector<std::string>& headers,
                                int status) {
    const GeminiFixture fixture = LoadFixture(kGzipJsonFixture);
    RawConnection connection(daemon().port());
    for (int i = 0; i < 2; ++i) {
      ASSERT_TRUE(connection.Send(RawFixtureRequest(fixture, "/gemini", marker, headers)));
      const auto head = connection.ReadHead(kWait);
      ASSERT_TRUE(head.has_value()) << "request " << i;
      EXPECT_EQ(head->status, status) << "request " << i;
      connection.ReadFullBody(kWait);
      ASSERT_TRUE(connection.body_complete()) << "request " << i;
    }
  }

 private:
  std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(CompletionTest, RequestAnsweredByAFilterCompletesOnce) {
  // attribute answers 400 bad_label: after route, before anything is forwarded.
  const std::string marker = UniqueToken("answered");
  SendTwiceOnOneConnection(marker, {"x-costgate-job: " + std::string(257, 'j')}, 400);
  EXPECT_EQ(WaitForCompleted("400", 2), 2);
  EXPECT_EQ(Metric("costgate_requests_in_flight", {}), 0);
  EXPECT_TRUE(mock().RequestsWith(kMarkerHeader, marker).empty());
}

class RefusedUpstreamCompletionTest : public CompletionTest {
 protected:
  DaemonSettings Settings() override {
    static test_support::RefusingPort refusing;
    DaemonSettings settings = MockUpstreamSettings();
    settings.upstream_url = "https://127.0.0.1:" + std::to_string(refusing.port());
    return settings;
  }
};

TEST_F(RefusedUpstreamCompletionTest, FailedUpstreamConnectCompletesOnce) {
  const std::string marker = UniqueToken("refused-once");
  SendTwiceOnOneConnection(marker, {"x-costgate-job: " + marker}, 502);
  EXPECT_EQ(WaitForCompleted("502", 2), 2);
  EXPECT_EQ(Metric("costgate_requests_in_flight", {}), 0);
  const auto rows = daemon().receipts().WaitForRows("job", marker, 2, kWait);
  ASSERT_EQ(rows.size(), 2u);
  for (const ReceiptRow& row : rows) {
    EXPECT_EQ(row.Text("outcome"), "upstream_error");
    EXPECT_EQ(row.Text("reason"), "upstream_connect_failed");
  }
}

}  // namespace
}  // namespace costgate::integration
