// /metrics values after known traffic, against a fresh daemon per test so every count is exact.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <sstream>
#include <thread>

#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr int kRequests = 3;

using Labels = std::map<std::string, std::string>;

// Parses `name{a="x",b="y"} value` (escapes in label values kept as written, which is enough for
// the plain values asserted here). nullopt for comments and lines that do not parse.
struct Sample {
  std::string name;
  Labels labels;
  double value = 0;
};

std::optional<Sample> ParseSample(std::string_view line) {
  if (line.empty() || line.front() == '#') {
    return std::nullopt;
  }
  Sample sample;
  const size_t name_end = line.find_first_of("{ ");
  if (name_end == std::string_view::npos) {
    return std::nullopt;
  }
  sample.name = std::string(line.substr(0, name_end));
  size_t pos = name_end;
  if (line[pos] == '{') {
    const size_t close = line.find('}', pos);
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view labels = line.substr(pos + 1, close - pos - 1);
    while (!labels.empty()) {
      const size_t eq = labels.find("=\"");
      const size_t end = labels.find('"', eq + 2);
      if (eq == std::string_view::npos || end == std::string_view::npos) {
        return std::nullopt;
      }
      sample.labels.emplace(labels.substr(0, eq), labels.substr(eq + 2, end - eq - 2));
      labels.remove_prefix(std::min(labels.size(), end + 2));  // past '"' and ','
    }
    pos = close + 1;
  }
  const std::string value(line.substr(pos));
  char* parsed_end = nullptr;
  sample.value = std::strtod(value.c_str(), &parsed_end);
  if (parsed_end == value.c_str()) {
    return std::nullopt;
  }
  return sample;
}

// The value of the series with exactly this name and label set, if rendered.
std::optional<double> FindSample(const std::string& metrics, std::string_view name,
                                 const Labels& labels) {
  std::istringstream lines(metrics);
  std::string line;
  while (std::getline(lines, line)) {
    if (const auto sample = ParseSample(line);
        sample && sample->name == name && sample->labels == labels) {
      return sample->value;
    }
  }
  return std::nullopt;
}

class MetricsTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    own_ = std::make_unique<DaemonUnderTest>(MockUpstreamSettings());
    return *own_->daemon;
  }

  std::string Scrape() {
    HttpRequest request;
    request.url = daemon().Url("/metrics");
    const HttpResponse response = Http(request);
    EXPECT_EQ(response.status, 200);
    return response.body;
  }

  // Scrapes until the series satisfies `done` or the wait ends; returns its last value (nullopt
  // while absent).
  std::optional<double> WaitForSample(std::string_view name, const Labels& labels,
                                      const std::function<bool(double)>& done) {
    const auto deadline = Clock::now() + kWait;
    while (true) {
      const std::optional<double> value = FindSample(Scrape(), name, labels);
      if ((value && done(*value)) || Clock::now() >= deadline) {
        return value;
      }
      std::this_thread::sleep_for(Millis(10));  // polling, bounded by the deadline
    }
  }

  // Sends the metered fixture kRequests times; returns the event ids.
  std::vector<std::string> SendRequests() {
    std::vector<std::string> event_ids;
    const GeminiFixture fixture = LoadFixture(kGzipJsonFixture);
    for (int i = 0; i < kRequests; ++i) {
      const HttpResponse response =
          Http(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("metrics")));
      EXPECT_EQ(response.status, 200) << "request " << i;
      event_ids.push_back(response.Header("x-costgate-event-id").value_or(""));
    }
    return event_ids;
  }

 private:
  std::unique_ptr<DaemonUnderTest> own_;
};

TEST_F(MetricsTest, RequestsTotalCountsEachProxiedRequestByOperationAndStatus) {
  SendRequests();
  const Labels labels = {
      {"provider", "gemini"}, {"operation", "generateContent"}, {"status", "200"}};
  // A request is counted when it completes, which may be just after the client has its response.
  const auto value =
      WaitForSample("costgate_requests_total", labels, [](double v) { return v >= kRequests; });
  EXPECT_EQ(value, kRequests);
}

TEST_F(MetricsTest, ReceiptsWrittenTotalCountsCommittedReceipts) {
  for (const std::string& event_id : SendRequests()) {
    ASSERT_TRUE(daemon().receipts().WaitForReceipt(event_id, kWait).has_value()) << event_id;
  }
  const auto value =
      WaitForSample("costgate_receipts_written_total", {}, [](double v) { return v >= kRequests; });
  EXPECT_EQ(value, kRequests);
}

TEST_F(MetricsTest, UpstreamLatencyHistogramHasOneObservationPerRequest) {
  SendRequests();
  const Labels gemini = {{"provider", "gemini"}};
  const auto count = WaitForSample("costgate_upstream_latency_seconds_count", gemini,
                                   [](double v) { return v >= kRequests; });
  EXPECT_EQ(count, kRequests);
  Labels inf_bucket = gemini;
  inf_bucket["le"] = "+Inf";
  EXPECT_EQ(FindSample(Scrape(), "costgate_upstream_latency_seconds_bucket", inf_bucket),
            kRequests);
  EXPECT_GT(FindSample(Scrape(), "costgate_upstream_latency_seconds_sum", gemini).value_or(0), 0);
}

TEST_F(MetricsTest, OpenConnectionsGaugeFollowsClientConnections) {
  // Each scrape is one more open connection while it is served.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 2; ++i) {
    idle.push_back(std::make_unique<RawConnection>(daemon().port()));
    ASSERT_TRUE(idle.back()->connected());
  }
  EXPECT_EQ(WaitForSample("costgate_open_connections", {}, [](double v) { return v == 3; }), 3);
  idle.clear();
  EXPECT_EQ(WaitForSample("costgate_open_connections", {}, [](double v) { return v == 1; }), 1);
}

}  // namespace
}  // namespace costgate::integration
