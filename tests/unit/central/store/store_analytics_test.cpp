// The store's analytics: rollups kept on ingest (never counting a duplicate), sums over any
// range and filters equal to a brute-force sum over the raw events, local days in the analytics
// zone (a DST change day of 23 or 25 hours), the zone changed at open, and drill-down pages.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <variant>
#include <vector>

#include "central/store/analytics.h"
#include "tests/unit/central/store/analytics_helpers.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using analytics_testing::BruteForce;
using analytics_testing::RandomEvents;
using analytics_testing::RowMap;
using analytics_testing::ToMap;

// 2026-10-01T00:00:00Z; Berlin leaves summer time on 2026-10-25 at 01:00Z (a 25-hour day).
constexpr int64_t kOct1 = 1'790'812'800'000;
constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;

class StoreAnalytics : public store_testing::StoreTest {
 protected:
  void Insert(const std::vector<Event>& events) {
    auto inserted = store().InsertEvents(events);
    ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(inserted));
  }
  RowMap Sum(const AnalyticsQuery& query) { return SumOn(store(), query); }
  static RowMap SumOn(Store& s, const AnalyticsQuery& query) {
    auto rows = s.Aggregate(query);
    if (auto* error = std::get_if<StoreError>(&rows)) {
      ADD_FAILURE() << error->message;
      return {};
    }
    return ToMap(std::get<std::vector<AnalyticsRow>>(rows));
  }
  void SetZone(const std::string& zone) {
    auto set = store().SetAnalyticsTimeZone(zone);
    ASSERT_TRUE(std::holds_alternative<bool>(set)) << std::get<StoreError>(set).message;
  }
};
INSTANTIATE_TEST_SUITE_P(Stores, StoreAnalytics,
                         ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

TEST(AnalyticsUnits, EachUnitCountsInItsOneMeasure) {
  AnalyticsMeasures m;
  AddUnitToMeasures(m, "input_tokens", 100);
  AddUnitToMeasures(m, "tool_use_input_tokens", 5);  // billed as input, reported apart
  AddUnitToMeasures(m, "cached_input_tokens", 40);   // inside input_tokens already
  AddUnitToMeasures(m, "output_tokens", 20);
  AddUnitToMeasures(m, "thinking_tokens", 7);
  AddUnitToMeasures(m, "characters", 300);
  AddUnitToMeasures(m, "credits", 30);
  AddUnitToMeasures(m, "audio_ms", 1500);
  AddUnitToMeasures(m, "total_tokens", 132);  // a sum of the others: left out
  AddUnitToMeasures(m, "input_audio_tokens", 9);
  AddUnitToMeasures(m, "images", 1);
  AnalyticsMeasures want;
  want.input_tokens = 105;
  want.cached_tokens = 40;
  want.output_tokens = 20;
  want.thinking_tokens = 7;
  want.characters = 300;
  want.credits = 30;
  want.audio_ms = 1500;
  EXPECT_EQ(m, want);
  EXPECT_EQ(m.tokens(), 132);
}

TEST(AnalyticsUnits, AnEventIsOneCallWithItsOutcomeAndPrice) {
  Event e = store_testing::MakeEvent("e");  // upstream_error, estimated, priced
  AnalyticsMeasures m = MeasuresOf(e);
  EXPECT_EQ(m.calls, 1);
  EXPECT_EQ(m.errors, 1);
  EXPECT_EQ(m.estimated_calls, 1);
  EXPECT_EQ(m.unpriced_calls, 0);
  EXPECT_EQ(m.cost_pico, 217'760'001);
  e.cost.reset();
  e.status = "success";
  m = MeasuresOf(e);
  EXPECT_EQ(m.errors, 0);
  EXPECT_EQ(m.unpriced_calls, 1);
  EXPECT_EQ(m.cost_pico, 0);
}

TEST_P(StoreAnalytics, DuplicatesAreNotCountedTwice) {
  const std::vector<Event> events = RandomEvents(1, 40, kOct1, 3 * kDayMs);
  Insert(events);
  Insert(events);  // a shipper's retry: every one a duplicate
  std::vector<Event> twice = {events[0], events[0]};
  twice[1].event_id = events[0].event_id;
  Insert(twice);
  const AnalyticsQuery all{kOct1, kOct1 + 3 * kDayMs, {}, {}};
  const RowMap sums = Sum(all);
  EXPECT_EQ(sums, BruteForce(events, all));
  EXPECT_EQ(sums.at({}).calls, 40);
  // Every rollup table holds each stored event once.
  for (auto& table :
       Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rollup%'")) {
    EXPECT_EQ(*Query("SELECT SUM(calls) AS n FROM " + *table["name"])[0]["n"], "40")
        << *table["name"];
  }
}

TEST_P(StoreAnalytics, AnyRangeAndFiltersEqualTheSumOverRawEvents) {
  SetZone("Europe/Berlin");
  const int64_t span = 40 * kDayMs;
  const std::vector<Event> events = RandomEvents(7, 3000, kOct1, span);
  Insert(events);
  std::mt19937_64 rng(99);
  const std::vector<std::vector<Dimension>> groups = {
      {}, {Dimension::kModel}, {Dimension::kUser}, {Dimension::kProject, Dimension::kOutcome}};
  for (int round = 0; round < 60; ++round) {
    AnalyticsQuery q;
    q.from_unix_ms = kOct1 - kHourMs + static_cast<int64_t>(rng() % (span / 2));
    q.to_unix_ms = q.from_unix_ms + 1 + static_cast<int64_t>(rng() % (span / 2));
    if (round % 5 == 0) {  // whole days and hours too
      q.from_unix_ms -= q.from_unix_ms % kHourMs;
      q.to_unix_ms -= q.to_unix_ms % kDayMs;
      q.to_unix_ms = std::max(q.to_unix_ms, q.from_unix_ms + kHourMs);
    }
    if (rng() % 2 == 0) {
      q.filters.push_back({Dimension::kWorkspace, {"", "acme"}});
    }
    if (rng() % 3 == 0) {
      q.filters.push_back({Dimension::kFeature, {"dub"}});
    }
    if (rng() % 3 == 0) {
      q.filters.push_back({Dimension::kOutcome, {"success"}});
    }
    q.group_by = groups[rng() % groups.size()];
    EXPECT_EQ(Sum(q), BruteForce(events, q)) << "round " << round;
  }
}

TEST_P(StoreAnalytics, ReadersAnswerLikeTheWriter) {
  const std::vector<Event> events = RandomEvents(3, 200, kOct1, 5 * kDayMs);
  Insert(events);
  std::unique_ptr<Store> reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  const AnalyticsQuery q{kOct1 + 1234, kOct1 + 4 * kDayMs + 999, {}, {Dimension::kModel}};
  EXPECT_EQ(SumOn(*reader, q), BruteForce(events, q));
}

TEST_P(StoreAnalytics, DayRollupsAreLocalDaysAndAChangeDayHas25Hours) {
  SetZone("Europe/Berlin");
  // 2026-10-25 in Berlin: from 2026-10-24T22:00Z (CEST) to 2026-10-25T23:00Z (CET).
  const int64_t day_start = kOct1 + 23 * kDayMs + 22 * kHourMs;
  const int64_t day_end = day_start + 25 * kHourMs;
  std::vector<Event> events;
  for (int64_t at : {day_start - 1, day_start, day_end - 1, day_end}) {
    events.push_back(store_testing::MakeEvent("at-" + std::to_string(at)));
    events.back().start_unix_ms = at;
  }
  Insert(events);
  auto rows = Query("SELECT day_unix_ms, SUM(calls) AS calls FROM rollup_day_core GROUP BY 1");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(*rows[1]["day_unix_ms"], std::to_string(day_start));
  EXPECT_EQ(*rows[1]["calls"], "2");
  EXPECT_EQ(*rows[2]["day_unix_ms"], std::to_string(day_end));
  EXPECT_EQ(Sum({day_start, day_end, {}, {}}).at({}).calls, 2);
}

TEST_P(StoreAnalytics, ChangingTheZoneRebuildsTheDayRollups) {
  const std::vector<Event> events = RandomEvents(5, 300, kOct1, 10 * kDayMs);
  Insert(events);
  auto first = store().SetAnalyticsTimeZone("Asia/Kolkata");  // +05:30: days off the hour
  ASSERT_TRUE(std::holds_alternative<bool>(first));
  EXPECT_TRUE(std::get<bool>(first));
  auto again = store().SetAnalyticsTimeZone("Asia/Kolkata");
  ASSERT_TRUE(std::holds_alternative<bool>(again));
  EXPECT_FALSE(std::get<bool>(again));
  EXPECT_EQ(std::get<std::string>(store().AnalyticsTimeZone()), "Asia/Kolkata");
  const std::vector<Event> more = RandomEvents(6, 100, kOct1, 10 * kDayMs);
  Insert(more);
  std::vector<Event> all = events;
  all.insert(all.end(), more.begin(), more.end());
  const int64_t kolkata_midnight = kOct1 + 2 * kDayMs - 5 * kHourMs - 30 * 60'000;
  const AnalyticsQuery q{kolkata_midnight, kolkata_midnight + 5 * kDayMs, {}, {Dimension::kPod}};
  EXPECT_EQ(Sum(q), BruteForce(all, q));
  auto rows = Query("SELECT COUNT(*) AS n FROM rollup_day_core WHERE day_unix_ms % 3600000 != 0");
  EXPECT_NE(*rows[0]["n"], "0");
  EXPECT_FALSE(std::holds_alternative<bool>(store().SetAnalyticsTimeZone("Not/AZone")));
}

TEST_P(StoreAnalytics, EventPagesAreNewestFirstByKeyset) {
  std::vector<Event> events = RandomEvents(8, 30, kOct1, kDayMs);
  events[1].start_unix_ms = events[0].start_unix_ms;  // a tie broken by event_id
  Insert(events);
  EventPageQuery page{kOct1, kOct1 + kDayMs, {{Dimension::kModel, {"m-a", "m-b"}}}, 7, {}};
  std::vector<std::string> seen;
  for (int i = 0; i < 10; ++i) {
    auto listed = store().ListEvents(page);
    ASSERT_TRUE(std::holds_alternative<std::vector<Event>>(listed));
    const auto& got = std::get<std::vector<Event>>(listed);
    for (const Event& e : got) {
      seen.push_back(e.event_id);
    }
    if (got.size() < 7) {
      break;
    }
    page.after = EventCursor{got.back().start_unix_ms, got.back().event_id};
  }
  std::vector<Event> want;
  for (const Event& e : events) {
    if (e.model != "m-c") {
      want.push_back(e);
    }
  }
  std::sort(want.begin(), want.end(), [](const Event& a, const Event& b) {
    return std::tie(a.start_unix_ms, a.event_id) > std::tie(b.start_unix_ms, b.event_id);
  });
  std::vector<std::string> want_ids;
  for (const Event& e : want) {
    want_ids.push_back(e.event_id);
  }
  EXPECT_EQ(seen, want_ids);
}

}  // namespace
}  // namespace costgate::central
