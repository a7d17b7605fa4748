// /admin/v1/analytics/* through the real Api over a real SQLite store, against sums worked out
// by hand on four seeded events: each route, filters (equality, IN, the empty label), range
// edges off the hour, Europe/Berlin day buckets and a month with a DST change, and every
// refusal naming its parameter.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "tests/unit/central/api/api_harness.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using testing::ApiHarness;
using testing::Json;

constexpr int64_t kAnHourMs = 3'600'000;
constexpr int64_t kAnDec1 = 1'796'083'200'000;  // 2026-12-01T00:00:00Z
constexpr int64_t kAnPicoPerUsd = 1'000'000'000'000;

Event SeedEvent(const std::string& id, int64_t start, const std::string& provider,
                const std::string& model, const std::string& workspace,
                std::optional<int64_t> cost_pico, EventUnits units) {
  Event e = store_testing::MakeEvent(id);
  e.start_unix_ms = start;
  e.end_unix_ms = start + 10;
  e.provider = provider;
  e.model = model;
  e.workspace = workspace;
  e.cost = cost_pico ? std::optional(pricing::Money::FromPico(*cost_pico)) : std::nullopt;
  e.units = std::move(units);
  e.status = "success";
  e.estimated = false;
  return e;
}

// e1 2026-12-01T10:00Z gemini m-a ford $1.50, input 100 (20 cached), output 10, thinking 5.
// e2 2026-12-01T10:30Z gemini m-b "" $0.25, input 50, output 5; upstream_error, estimated.
// e3 2026-12-02T23:30Z elevenlabs eleven_v3 ford unpriced, 300 characters, 300 credits.
// e4 2026-12-03T00:10Z elevenlabs scribe_v1 acme $0.10, 61.5 s of audio.
std::vector<Event> SeededEvents() {
  std::vector<Event> events = {
      SeedEvent("e1", kAnDec1 + 10 * kAnHourMs, "gemini", "m-a", "ford", kAnPicoPerUsd * 3 / 2,
                {{"input_tokens", 100},
                 {"cached_input_tokens", 20},
                 {"output_tokens", 10},
                 {"thinking_tokens", 5},
                 {"total_tokens", 115}}),
      SeedEvent("e2", kAnDec1 + 10 * kAnHourMs + 30 * 60'000, "gemini", "m-b", "",
                kAnPicoPerUsd / 4, {{"input_tokens", 50}, {"output_tokens", 5}}),
      SeedEvent("e3", kAnDec1 + 47 * kAnHourMs + 30 * 60'000, "elevenlabs", "eleven_v3", "ford",
                std::nullopt, {{"characters", 300}, {"credits", 300}}),
      SeedEvent("e4", kAnDec1 + 48 * kAnHourMs + 10 * 60'000, "elevenlabs", "scribe_v1", "acme",
                kAnPicoPerUsd / 10, {{"audio_ms", 61'500}}),
  };
  events[1].status = "upstream_error";
  events[1].estimated = true;
  return events;
}

class ApiAnalytics : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = h_.MakeKey("admin", "");
    auto inserted = h_.store().InsertEvents(SeededEvents());
    ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(inserted));
  }
  ApiResponse Get(const std::string& path) { return h_.Get(path, key_); }
  // The body of a 200, or a failure.
  std::string Ok(const std::string& path) {
    const ApiResponse r = Get(path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return r.body;
  }
  int64_t Calls(const std::string& query) {
    return int64_t(Json(Ok("/admin/v1/analytics/summary?" + query))["calls"]);
  }
  std::string ErrorField(const std::string& path) {
    const ApiResponse r = Get(path);
    EXPECT_EQ(r.status, 400) << path << ": " << r.body;
    const Json body(r.body);
    return std::string(std::string_view(body["error"]["field"]));
  }

  ApiHarness h_;
  std::string key_;
};

constexpr const char* kSeededRange = "from=2026-12-01&to=2026-12-04&tz=UTC";

TEST_F(ApiAnalytics, SummaryHasEveryMeasure) {
  const Json s(Ok(std::string("/admin/v1/analytics/summary?") + kSeededRange));
  EXPECT_EQ(std::string_view(s["from"]), "2026-12-01T00:00:00Z");
  EXPECT_EQ(std::string_view(s["to"]), "2026-12-04T00:00:00Z");
  EXPECT_EQ(std::string_view(s["tz"]), "UTC");
  EXPECT_EQ(int64_t(s["cost_pico_usd"]), 1'850'000'000'000);
  EXPECT_EQ(double(s["cost_usd"]), 1.85);
  EXPECT_EQ(int64_t(s["calls"]), 4);
  EXPECT_EQ(int64_t(s["errors"]), 1);
  EXPECT_EQ(int64_t(s["unpriced_calls"]), 1);
  EXPECT_EQ(int64_t(s["estimated_calls"]), 1);
  EXPECT_EQ(int64_t(s["input_tokens"]), 150);
  EXPECT_EQ(int64_t(s["cached_tokens"]), 20);
  EXPECT_EQ(int64_t(s["output_tokens"]), 15);
  EXPECT_EQ(int64_t(s["thinking_tokens"]), 5);
  EXPECT_EQ(int64_t(s["tokens"]), 170);
  EXPECT_EQ(int64_t(s["characters"]), 300);
  EXPECT_EQ(int64_t(s["credits"]), 300);
  EXPECT_EQ(double(s["audio_seconds"]), 61.5);
  EXPECT_EQ(double(s["error_rate"]), 0.25);
  EXPECT_EQ(double(s["estimated_share"]), 0.25);
}

TEST_F(ApiAnalytics, FiltersAreEqualityInListAndTheEmptyLabel) {
  const std::string range = std::string(kSeededRange) + "&";
  EXPECT_EQ(Calls(range + "workspace="), 1);  // e2: Unassigned
  EXPECT_EQ(Calls(range + "workspace=ford&workspace=acme"), 3);
  EXPECT_EQ(Calls(range + "provider=gemini&model=m-b"), 1);
  EXPECT_EQ(Calls(range + "outcome=success"), 3);
  EXPECT_EQ(Calls(range + "model=nope"), 0);
  EXPECT_EQ(Calls(range + "user=u-42&pod=pod-3"), 4);  // the high-cardinality day table
}

TEST_F(ApiAnalytics, RangeEdgesOffTheHourCountOnlyTheirEvents) {
  // [10:15 Dec 1, 23:45 Dec 2): e2 and e3.
  const Json s(Ok("/admin/v1/analytics/summary?from=2026-12-01T10:15:00Z&to=2026-12-02T23:45:00Z"));
  EXPECT_EQ(int64_t(s["calls"]), 2);
  EXPECT_EQ(int64_t(s["cost_pico_usd"]), kAnPicoPerUsd / 4);
  // An offset timestamp: 11:30+01:00 is 10:30Z, e2's own start (inclusive).
  EXPECT_EQ(Calls("from=2026-12-01T11:30:00%2B01:00&to=2026-12-01T10:30:00.001Z"), 1);
  EXPECT_EQ(Calls("from=2026-12-01T10:00:00.001Z&to=2026-12-01T10:30:00Z"), 0);
}

std::vector<int64_t> BucketCalls(const Json& body) {
  std::vector<int64_t> calls;
  for (simdjson::dom::element bucket : simdjson::dom::array(body["buckets"])) {
    calls.push_back(int64_t(bucket["calls"]));
  }
  return calls;
}

TEST_F(ApiAnalytics, DayBucketsAreLocalDays) {
  const Json utc(Ok(std::string("/admin/v1/analytics/timeseries?bucket=day&") + kSeededRange));
  EXPECT_EQ(BucketCalls(utc), (std::vector<int64_t>{2, 1, 1}));
  // Berlin (+01:00): e3 at 23:30Z on Dec 2 is 00:30 on Dec 3 there.
  const Json berlin(Ok(
      "/admin/v1/analytics/timeseries?bucket=day&from=2026-12-01&to=2026-12-04&tz=Europe/Berlin"));
  EXPECT_EQ(BucketCalls(berlin), (std::vector<int64_t>{2, 0, 2}));
  simdjson::dom::element first = simdjson::dom::array(berlin["buckets"]).at(0);
  EXPECT_EQ(std::string_view(first["start"]), "2026-12-01T00:00:00+01:00");
  EXPECT_EQ(int64_t(first["start_unix_ms"]), kAnDec1 - kAnHourMs);
  EXPECT_EQ(std::string_view(berlin["from"]), "2026-12-01T00:00:00+01:00");
}

TEST_F(ApiAnalytics, HourWeekAndMonthBucketsCoverTheRange) {
  const Json hours(
      Ok("/admin/v1/analytics/"
         "timeseries?bucket=hour&from=2026-12-01T09:30:00Z&to=2026-12-01T11:00:00Z"));
  EXPECT_EQ(BucketCalls(hours), (std::vector<int64_t>{0, 2}));  // 09:00 (from 09:30), 10:00
  // 2026-12-01 is a Tuesday: its week starts Monday 2026-11-30.
  const Json weeks(Ok(std::string("/admin/v1/analytics/timeseries?bucket=week&") + kSeededRange));
  EXPECT_EQ(BucketCalls(weeks), (std::vector<int64_t>{4}));
  EXPECT_EQ(std::string_view(simdjson::dom::array(weeks["buckets"]).at(0)["start"]),
            "2026-11-30T00:00:00Z");
  const Json months(
      Ok("/admin/v1/analytics/timeseries?bucket=month&from=2026-11-15&to=2027-01-02&tz=UTC"));
  EXPECT_EQ(BucketCalls(months), (std::vector<int64_t>{0, 4, 0}));
}

std::vector<int64_t> BucketHours(const Json& body) {
  std::vector<int64_t> starts;
  for (simdjson::dom::element bucket : simdjson::dom::array(body["buckets"])) {
    starts.push_back(int64_t(bucket["start_unix_ms"]));
  }
  std::vector<int64_t> hours;
  for (size_t i = 1; i < starts.size(); ++i) {
    hours.push_back((starts[i] - starts[i - 1]) / kAnHourMs);
  }
  return hours;
}

TEST_F(ApiAnalytics, AMonthWithADstChangeHasA25HourDay) {
  // Berlin leaves summer time on 2026-10-25 at 01:00Z. An event at 22:30Z that day is 23:30
  // local (Oct 25); one at 23:30Z is 00:30 on Oct 26.
  const int64_t oct25 = 1'792'886'400'000;  // 2026-10-25T00:00:00Z
  std::vector<Event> events = {
      SeedEvent("d1", oct25 + 22 * kAnHourMs + 30 * 60'000, "gemini", "m-a", "", 1, {}),
      SeedEvent("d2", oct25 + 23 * kAnHourMs + 30 * 60'000, "gemini", "m-a", "", 1, {}),
  };
  ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(h_.store().InsertEvents(events)));
  const Json october(Ok(
      "/admin/v1/analytics/timeseries?bucket=day&from=2026-10-01&to=2026-11-01&tz=Europe/Berlin"));
  const std::vector<int64_t> hours = BucketHours(october);
  ASSERT_EQ(hours.size(), 30u);  // 31 buckets
  EXPECT_EQ(hours[23], 24);      // Oct 24 lasts 24 h
  EXPECT_EQ(hours[24], 25);      // Oct 25 lasts 25 h
  const std::vector<int64_t> calls = BucketCalls(october);
  EXPECT_EQ(calls[24], 1);  // Oct 25
  EXPECT_EQ(calls[25], 1);  // Oct 26
  // And March: 2026-03-29 has 23 hours.
  const Json march(Ok(
      "/admin/v1/analytics/timeseries?bucket=day&from=2026-03-01&to=2026-04-01&tz=Europe/Berlin"));
  EXPECT_EQ(BucketHours(march)[28], 23);
}

TEST_F(ApiAnalytics, TimeseriesSeriesAreTheTopKeysOfTheRange) {
  const Json body(Ok(std::string("/admin/v1/analytics/timeseries?bucket=day&by=provider&limit=1&") +
                     kSeededRange));
  for (simdjson::dom::element bucket : simdjson::dom::array(body["buckets"])) {
    simdjson::dom::array series = bucket["series"];
    ASSERT_EQ(series.size(), 1u);
    EXPECT_EQ(std::string_view(series.at(0)["key"]), "gemini");  // $1.75 of $1.85
  }
  EXPECT_EQ(int64_t(simdjson::dom::array(body["buckets"]).at(1)["series"].at(0)["calls"]), 0);
}

TEST_F(ApiAnalytics, BreakdownRanksAndSumsTheRest) {
  const Json body(
      Ok(std::string("/admin/v1/analytics/breakdown?by=model&limit=2&") + kSeededRange));
  simdjson::dom::array rows = body["rows"];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(std::string_view(rows.at(0)["key"]), "m-a");
  EXPECT_EQ(int64_t(rows.at(0)["cost_pico_usd"]), kAnPicoPerUsd * 3 / 2);
  EXPECT_EQ(std::string_view(rows.at(1)["key"]), "m-b");
  EXPECT_EQ(int64_t(body["other"]["calls"]), 2);
  EXPECT_EQ(int64_t(body["other"]["cost_pico_usd"]), kAnPicoPerUsd / 10);
  EXPECT_EQ(int64_t(body["total"]["calls"]), 4);
  const Json by_chars(Ok(
      std::string("/admin/v1/analytics/breakdown?by=workspace&order=characters&") + kSeededRange));
  EXPECT_EQ(std::string_view(simdjson::dom::array(by_chars["rows"]).at(0)["key"]), "ford");
  EXPECT_TRUE(by_chars["other"].is_null());
}

TEST_F(ApiAnalytics, PivotCrossesTwoDimensions) {
  const Json body(Ok(std::string("/admin/v1/analytics/pivot?rows=provider&cols=workspace&"
                                 "measure=calls&") +
                     kSeededRange));
  EXPECT_EQ(simdjson::minify(body["rows"]), R"(["elevenlabs","gemini"])");
  EXPECT_EQ(simdjson::minify(body["cols"]), R"(["ford","","acme"])");
  EXPECT_EQ(simdjson::minify(body["cells"]), "[[1,0,1],[1,1,0]]");
  EXPECT_EQ(simdjson::minify(body["row_totals"]), "[2,2]");
  EXPECT_EQ(simdjson::minify(body["col_totals"]), "[2,1,1]");
  EXPECT_EQ(int64_t(body["total"]), 4);
}

TEST_F(ApiAnalytics, EventsPageNewestFirst) {
  const std::string base = std::string("/admin/v1/analytics/events?limit=3&") + kSeededRange;
  const Json first(Ok(base));
  simdjson::dom::array events = first["events"];
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(std::string_view(events.at(0)["event_id"]), "e4");
  EXPECT_EQ(std::string_view(events.at(2)["event_id"]), "e2");
  EXPECT_EQ(int64_t(events.at(0)["cost_pico_usd"]), kAnPicoPerUsd / 10);
  EXPECT_TRUE(events.at(1)["cost_usd"].is_null());  // e3: unpriced
  EXPECT_EQ(int64_t(events.at(0)["units"]["audio_ms"]), 61'500);
  const std::string next{std::string_view(first["next"])};
  const Json second(Ok(base + "&after=" + next));
  simdjson::dom::array rest = second["events"];
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(std::string_view(rest.at(0)["event_id"]), "e1");
  EXPECT_TRUE(second["next"].is_null());
}

TEST_F(ApiAnalytics, RefusalsNameTheirParameter) {
  const std::string s = "/admin/v1/analytics/summary?";
  EXPECT_EQ(ErrorField(s + "colour=red"), "colour");
  EXPECT_EQ(ErrorField(s + "from=yesterday"), "from");
  EXPECT_EQ(ErrorField(s + "from=2026-02-30"), "from");
  EXPECT_EQ(ErrorField(s + "to=2026-12-01T25:00:00Z"), "to");
  EXPECT_EQ(ErrorField(s + "from=2026-12-02&to=2026-12-01"), "to");
  EXPECT_EQ(ErrorField(s + "from=2025-01-01&to=2026-12-01"), "to");  // over 400 days
  EXPECT_EQ(ErrorField(s + "tz=Mars/Olympus"), "tz");
  EXPECT_EQ(ErrorField("/admin/v1/analytics/breakdown?by=colour"), "by");
  EXPECT_EQ(ErrorField("/admin/v1/analytics/breakdown?by=model&order=price"), "order");
  EXPECT_EQ(ErrorField("/admin/v1/analytics/breakdown?by=model&limit=1001"), "limit");
  EXPECT_EQ(ErrorField("/admin/v1/analytics/pivot?rows=model"), "cols");
  EXPECT_EQ(ErrorField("/admin/v1/analytics/timeseries?bucket=year"), "bucket");
  EXPECT_EQ(ErrorField("/admin/v1/analytics/events?after=nonsense"), "after");
  EXPECT_EQ(ErrorField("/admin/v1/analytics/events?limit=0"), "limit");
}

TEST_F(ApiAnalytics, NeedsAnAdminKey) {
  for (const char* route :
       {"summary", "timeseries", "breakdown?by=model", "pivot?rows=model&cols=user", "events"}) {
    const std::string path = std::string("/admin/v1/analytics/") + route;
    EXPECT_EQ(h_.Get(path).status, 401) << path;
    EXPECT_EQ(h_.Get(path, h_.MakeKey("ship", "app", "")).status, 403) << path;
    EXPECT_EQ(Get(path).status, 200) << path;
  }
}

TEST_F(ApiAnalytics, DefaultsAreThisMonthInTheStoresZone) {
  // The harness's now is 2025-11-22T08:26:40Z: the default range is November 2025 so far.
  const Json s(Ok("/admin/v1/analytics/summary"));
  EXPECT_EQ(std::string_view(s["from"]), "2025-11-01T00:00:00Z");
  EXPECT_EQ(std::string_view(s["to"]), "2025-11-22T08:26:40Z");
  EXPECT_EQ(std::string_view(s["tz"]), "UTC");
  EXPECT_EQ(int64_t(s["calls"]), 0);
}

}  // namespace
}  // namespace costgate::central

namespace costgate::central {
namespace {

// One number: a budget's spend and the analytics summary of its scope and period agree to the
// pico-dollar, for events priced by central on ingest (one a duplicate, one in another team).
TEST(ApiAnalyticsOneNumber, BudgetSpendEqualsTheSummaryOfItsScopeAndPeriod) {
  ApiHarness h;
  const std::string admin = h.MakeKey("admin", "");
  const ApiResponse created = h.Post("/admin/v1/budgets", admin,
                                     R"({"name":"video","scope":{"team":"video"},)"
                                     R"("period":"monthly","amount_usd":"100",)"
                                     R"("hard_limit":false,"thresholds_percent":[100]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string budget_id(std::string_view(Json(created.body)["id"]));
  const std::string ship = h.MakeKey("ship", "video-accessibility");
  std::string other_team = testing::Replace(testing::ExampleEvent("b3"), "\"video\"", "\"audio\"");
  std::string later =
      testing::Replace(testing::ExampleEvent("b2"), "1763800000000", "1763700000000");
  later = testing::Replace(later, "3520", "99999");
  const ApiResponse shipped = h.Post("/v1/usage/batch", ship,
                                     testing::Batch({testing::ExampleEvent("b1"), later, other_team,
                                                     testing::ExampleEvent("b1")}));
  ASSERT_EQ(shipped.status, 200) << shipped.body;
  const Json budget(h.Get("/admin/v1/budgets/" + budget_id, admin).body);
  const int64_t spent = int64_t(budget["spend"]["spent_pico_usd"]);
  EXPECT_GT(spent, 0);
  const Json summary(
      h.Get("/admin/v1/analytics/summary?team=video&from=2025-11-01&to=2025-12-01&tz=UTC", admin)
          .body);
  EXPECT_EQ(int64_t(summary["cost_pico_usd"]), spent);
  EXPECT_EQ(int64_t(summary["calls"]), 2);
  EXPECT_EQ(int64_t(budget["spend"]["events"]), 2);
}

}  // namespace
}  // namespace costgate::central
