// GET /admin/v1/analytics/export through the real Api over a private in-memory store (which has
// no second connection, so the file is made whole before the answer: the streamed path is
// tests/integration/analytics_export_test.cpp): events, breakdown and FOCUS rows as CSV and
// JSON Lines, whose sums equal the summary's to the pico-dollar, and each refusal naming its
// parameter.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "tests/support/csv_fields.h"
#include "tests/unit/central/api/api_harness.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Json;

constexpr int64_t kExDec1 = 1'796'083'200'000;  // 2026-12-01T00:00:00Z
constexpr int64_t kExHour = 3'600'000;

Event ExportSeed(const std::string& id, int64_t start, const std::string& model,
                 const std::string& workspace, std::optional<int64_t> cost_pico) {
  Event e = store_testing::MakeEvent(id);
  e.start_unix_ms = start;
  e.end_unix_ms = start + 10;
  e.provider = model.starts_with("eleven") ? "elevenlabs" : "gemini";
  e.model = model;
  e.workspace = workspace;
  e.cost = cost_pico ? std::optional(pricing::Money::FromPico(*cost_pico)) : std::nullopt;
  e.units = {{"input_tokens", 100}, {"output_tokens", 7}};
  e.status = "success";
  return e;
}

// Lines of a CSV or JSON Lines body (CRLF or LF).
std::vector<std::string> ExportLines(const std::string& body) {
  std::vector<std::string> lines;
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    lines.push_back(line);
  }
  return lines;
}

// The sum of a named integer column over the data lines.
int64_t ColumnSum(const std::vector<std::string>& lines, const std::string& column) {
  const std::vector<std::string> header = test_support::CsvFields(lines.at(0));
  const auto at = std::find(header.begin(), header.end(), column);
  EXPECT_NE(at, header.end()) << column << " not in " << lines[0];
  if (at == header.end()) {
    return -1;
  }
  int64_t sum = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::string field =
        test_support::CsvFields(lines[i]).at(static_cast<size_t>(at - header.begin()));
    sum += field.empty() ? 0 : std::stoll(field);
  }
  return sum;
}

class ApiExport : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = h_.MakeKey("admin", "");
    std::vector<Event> events = {
        ExportSeed("x1", kExDec1 + 10 * kExHour, "gemini-2.5-flash", "ford", 1'500'000'000'123),
        ExportSeed("x2", kExDec1 + 11 * kExHour, "gemini-2.5-pro", "", 250'000'000'000),
        ExportSeed("x3", kExDec1 + 23 * kExHour + 30 * 60'000, "eleven_v3", "ford", std::nullopt),
        ExportSeed("x4", kExDec1 + 30 * kExHour, "gemini-2.5-flash", "acme", 100'000'000'007),
    };
    ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(h_.store().InsertEvents(events)));
  }
  ApiResponse Get(const std::string& query) {
    return h_.Get("/admin/v1/analytics/export?from=2026-12-01&to=2026-12-03&" + query, key_);
  }
  int64_t SummaryCost(const std::string& query) {
    const ApiResponse r =
        h_.Get("/admin/v1/analytics/summary?from=2026-12-01&to=2026-12-03&" + query, key_);
    EXPECT_EQ(r.status, 200) << r.body;
    return int64_t(Json(r.body)["cost_pico_usd"]);
  }

  ApiHarness h_;
  std::string key_;
};

TEST_F(ApiExport, EventsAsCsvHaveEveryEventOnceAndSumToTheSummary) {
  const ApiResponse r = Get("view=events&format=csv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(testing::HeaderValue(r, "Content-Disposition"),
            "attachment; filename=\"costgate-events-2026-12-01-to-2026-12-02.csv\"");
  const std::vector<std::string> lines = ExportLines(r.body);
  ASSERT_EQ(lines.size(), 5u) << r.body;
  EXPECT_TRUE(lines[0].starts_with("event_id,start_unix_ms,end_unix_ms,")) << lines[0];
  EXPECT_NE(lines[0].find(",cost_usd,cost_pico_usd,"), std::string::npos) << lines[0];
  EXPECT_TRUE(lines[1].starts_with("x1,")) << "oldest first: " << lines[1];
  EXPECT_TRUE(lines[4].starts_with("x4,")) << lines[4];
  EXPECT_EQ(ColumnSum(lines, "cost_pico_usd"), SummaryCost(""));
  EXPECT_EQ(ColumnSum(lines, "cost_pico_usd"), 1'850'000'000'130);

  const std::vector<std::string> ford = ExportLines(Get("view=events&workspace=ford").body);
  EXPECT_EQ(ford.size(), 3u);
  EXPECT_EQ(ColumnSum(ford, "cost_pico_usd"), SummaryCost("workspace=ford"));
}

TEST_F(ApiExport, EventsAsJsonLinesAreOneObjectPerLine) {
  const ApiResponse r = Get("view=events&format=jsonl&model=gemini-2.5-flash");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/x-ndjson");
  const std::vector<std::string> lines = ExportLines(r.body);
  ASSERT_EQ(lines.size(), 2u) << r.body;
  int64_t sum = 0;
  for (const std::string& line : lines) {
    const auto event = Json(line);
    EXPECT_EQ(std::string(event["model"]), "gemini-2.5-flash");
    sum += int64_t(event["cost_pico_usd"]);
  }
  EXPECT_EQ(sum, SummaryCost("model=gemini-2.5-flash"));
}

TEST_F(ApiExport, ABreakdownHasEveryValueLargestFirst) {
  const std::vector<std::string> csv = ExportLines(Get("view=breakdown&by=model").body);
  ASSERT_EQ(csv.size(), 4u);
  EXPECT_TRUE(csv[0].starts_with("model,cost_usd,cost_pico_usd,calls,")) << csv[0];
  EXPECT_TRUE(csv[1].starts_with("gemini-2.5-flash,1.60000000013,1600000000130,2,")) << csv[1];
  EXPECT_EQ(ColumnSum(csv, "cost_pico_usd"), SummaryCost(""));
  EXPECT_EQ(ColumnSum(csv, "calls"), 4);

  const std::vector<std::string> jsonl =
      ExportLines(Get("view=breakdown&by=workspace&format=jsonl").body);
  ASSERT_EQ(jsonl.size(), 3u);
  EXPECT_EQ(std::string(Json(jsonl[0])["workspace"]), "ford");
}

TEST_F(ApiExport, FocusRowsAreDaysByEveryDimensionWithOurLabelsAsTags) {
  const std::vector<std::string> lines = ExportLines(Get("view=focus").body);
  ASSERT_EQ(lines.size(), 5u) << "one row per event here: each has its own dimensions";
  EXPECT_TRUE(
      lines[0].starts_with("BilledCost,EffectiveCost,ListCost,BillingCurrency,"
                           "ChargePeriodStart,ChargePeriodEnd,"))
      << lines[0];
  EXPECT_EQ(ColumnSum(lines, "x_CostPicoUsd"), SummaryCost(""));
  EXPECT_EQ(ColumnSum(lines, "x_Calls"), 4);
  const std::vector<std::string> header = test_support::CsvFields(lines[0]);
  const std::vector<std::string> first =
      test_support::CsvFields(lines[1]);  // Dec 1, most expensive first
  const auto column = [&](const std::string& name) {
    return first.at(
        static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin()));
  };
  EXPECT_EQ(column("BilledCost"), "1.500000000123");
  EXPECT_EQ(column("ChargePeriodStart"), "2026-12-01T00:00:00Z");
  EXPECT_EQ(column("ChargePeriodEnd"), "2026-12-02T00:00:00Z");
  EXPECT_EQ(column("ProviderName"), "Google");
  EXPECT_EQ(column("ServiceName"), "Gemini API");
  EXPECT_EQ(column("ResourceId"), "gemini-2.5-flash");
  EXPECT_EQ(column("ConsumedQuantity"), "107");
  EXPECT_EQ(column("ConsumedUnit"), "Tokens");
  const auto tags = Json(column("Tags"));
  EXPECT_EQ(std::string(tags["workspace"]), "ford");
  EXPECT_EQ(std::string(tags["outcome"]), "success");

  // Days in the zone asked for: Berlin's Dec 1 starts at 23:00 UTC the day before, and x3
  // (23:30 UTC on Dec 1) falls on Berlin's Dec 2.
  const std::vector<std::string> berlin = ExportLines(Get("view=focus&tz=Europe/Berlin").body);
  ASSERT_GE(berlin.size(), 2u);
  EXPECT_NE(berlin[1].find("2026-11-30T23:00:00Z,2026-12-01T23:00:00Z"), std::string::npos)
      << berlin[1];
  EXPECT_EQ(ColumnSum(berlin, "x_CostPicoUsd"), SummaryCost("tz=Europe/Berlin"));
}

TEST_F(ApiExport, RefusalsNameTheirParameter) {
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"format=csv", "view"},
           {"view=rows", "view"},
           {"view=events&format=xml", "format"},
           {"view=breakdown", "by"},
           {"view=breakdown&by=colour", "by"},
           {"view=events&sort=up", "sort"},
       }) {
    const ApiResponse r = Get(query);
    EXPECT_EQ(r.status, 400) << query;
    EXPECT_EQ(std::string(Json(r.body)["error"]["field"]), field) << query << ": " << r.body;
  }
  EXPECT_EQ(h_.Get("/admin/v1/analytics/export?view=events", "").status, 401);
}

}  // namespace
}  // namespace costgate::central
