// GET /admin/v1/analytics/export from a running central over HTTP: the file comes chunked, read
// through a connection of its own, row for row what the store holds, and its sums equal the
// summary's to the pico-dollar.
#include <gtest/gtest.h>

#include <ctime>
#include <sstream>

#include "tests/integration/central_helpers.h"
#include "tests/integration/command_helpers.h"
#include "tests/integration/json_helpers.h"
#include "tests/support/csv_fields.h"

namespace costgate::integration {
namespace {

constexpr int64_t kExportEvents = 20'000;

std::string IsoUtc(std::time_t at) {
  char text[32];
  std::tm tm{};
  gmtime_r(&at, &tm);
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// The sum of a named column over a CSV's data lines (no field before it holds a comma).
struct CsvSums {
  int64_t lines = 0;
  int64_t sum = 0;
};

CsvSums SumColumn(const std::string& csv, const std::string& column) {
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = test_support::CsvFields(line);
  const size_t index =
      static_cast<size_t>(std::find(header.begin(), header.end(), column) - header.begin());
  EXPECT_LT(index, header.size()) << column << " not in " << line;
  CsvSums sums;
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = test_support::CsvFields(line);
    ++sums.lines;
    if (index < fields.size() && !fields[index].empty()) {
      sums.sum += std::stoll(fields[index]);
    }
  }
  return sums;
}

TEST(AnalyticsExportTest, AStreamedExportHasEveryEventAndTheSummarysSums) {
  CentralUnderTest central;
  const std::string key = central.CreateKey("exporter", "", "admin");
  const CommandResult generated =
      RunCostgate({"central", "generate-events", "--events", std::to_string(kExportEvents),
                   "--days", "3", "--seed", "17", "--config", central.config_path().string()},
                  central.dir(), std::chrono::seconds(60));
  ASSERT_EQ(generated.exit_code, 0) << generated.err;

  const std::time_t now = std::time(nullptr);
  const std::string range = "from=" + IsoUtc(now - 5 * 86'400) + "&to=" + IsoUtc(now + 3'600);
  const auto get = [&](const std::string& path) {
    HttpRequest request;
    request.url = central.Url(path);
    request.headers = {"X-API-Key: " + key};
    request.timeout_ms = 60'000;
    return Http(request);
  };

  const HttpResponse summary = get("/admin/v1/analytics/summary?" + range);
  ASSERT_EQ(summary.status, 200) << summary.body;
  const int64_t cost = JsonInt(summary.body, "/cost_pico_usd").value_or(-1);
  EXPECT_EQ(JsonInt(summary.body, "/calls"), kExportEvents);

  const HttpResponse events = get("/admin/v1/analytics/export?view=events&" + range);
  ASSERT_EQ(events.status, 200) << events.curl_error;
  EXPECT_EQ(events.Header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(events.Header("Content-Type"), "text/csv; charset=utf-8");
  const CsvSums event_sums = SumColumn(events.body, "cost_pico_usd");
  EXPECT_EQ(event_sums.lines, kExportEvents);
  EXPECT_EQ(event_sums.sum, cost);

  const HttpResponse focus = get("/admin/v1/analytics/export?view=focus&" + range);
  ASSERT_EQ(focus.status, 200) << focus.curl_error;
  EXPECT_EQ(SumColumn(focus.body, "x_CostPicoUsd").sum, cost);
  EXPECT_EQ(SumColumn(focus.body, "x_Calls").sum, kExportEvents);

  const HttpResponse lines =
      get("/admin/v1/analytics/export?view=events&format=jsonl&project=voice-agent&" + range);
  ASSERT_EQ(lines.status, 200) << lines.curl_error;
  const HttpResponse voice = get("/admin/v1/analytics/summary?project=voice-agent&" + range);
  EXPECT_EQ(static_cast<int64_t>(std::count(lines.body.begin(), lines.body.end(), '\n')),
            JsonInt(voice.body, "/calls").value_or(-1));
}

}  // namespace
}  // namespace costgate::integration
