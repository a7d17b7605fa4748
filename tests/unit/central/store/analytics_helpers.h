// Test support for analytics: seeded random events over a few label values, and the brute-force
// answer to an AnalyticsQuery (a sum over the events themselves) that every store and API
// answer is checked against.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "central/store/analytics.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {

// gtest's printing of a measure sum: its members by name.
inline void PrintTo(const AnalyticsMeasures& m, std::ostream* out) {
  for (size_t i = 0; i < kMeasureCount; ++i) {
    *out << (i == 0 ? "{" : ", ") << kMeasureColumns[i] << "=" << m.*kMeasureMembers[i];
  }
  *out << "}";
}

}  // namespace costgate::central

namespace costgate::central::analytics_testing {

// `count` events with start times in [from, from + span_ms), labels from two or three values per
// dimension ("" among them), random costs (some unpriced), outcomes and units.
inline std::vector<Event> RandomEvents(uint32_t seed, int count, int64_t from, int64_t span_ms) {
  std::mt19937_64 rng(seed);
  auto pick = [&](std::vector<std::string> values) { return values[rng() % values.size()]; };
  std::vector<Event> events;
  for (int i = 0; i < count; ++i) {
    Event e = store_testing::MakeEvent("ev-" + std::to_string(seed) + "-" + std::to_string(i));
    e.start_unix_ms = from + static_cast<int64_t>(rng() % static_cast<uint64_t>(span_ms));
    e.end_unix_ms = e.start_unix_ms + 100;
    e.workspace = pick({"", "ford", "acme"});
    e.team = pick({"", "video"});
    e.project = pick({"p-1", "p-2", ""});
    e.source_app = pick({"app-a", "app-b"});
    e.environment = pick({"prod", "dev"});
    e.user = pick({"", "u-1", "u-2"});
    e.job = pick({"", "j-1"});
    e.feature = pick({"captions", "", "dub"});
    e.provider = pick({"gemini", "elevenlabs"});
    e.model = pick({"m-a", "m-b", "m-c"});
    e.operation = pick({"generateContent", "tts"});
    e.status = pick({"success", "success", "upstream_error"});
    e.pod = pick({"", "pod-1"});
    e.estimated = rng() % 4 == 0;
    e.cost = rng() % 5 == 0 ? std::nullopt
                            : std::optional(pricing::Money::FromPico(
                                  static_cast<int64_t>(rng() % 1'000'000'000'000ULL)));
    e.units = {{"input_tokens", static_cast<int64_t>(rng() % 5000)},
               {"cached_input_tokens", static_cast<int64_t>(rng() % 100)},
               {"output_tokens", static_cast<int64_t>(rng() % 800)},
               {"thinking_tokens", static_cast<int64_t>(rng() % 50)},
               {"characters", static_cast<int64_t>(rng() % 300)},
               {"credits", static_cast<int64_t>(rng() % 30)},
               {"audio_ms", static_cast<int64_t>(rng() % 9000)},
               {"total_tokens", 7}};
    events.push_back(std::move(e));
  }
  return events;
}

inline bool Passes(const Event& e, const AnalyticsQuery& q) {
  if (e.start_unix_ms < q.from_unix_ms || e.start_unix_ms >= q.to_unix_ms) {
    return false;
  }
  for (const AnalyticsFilter& f : q.filters) {
    if (std::find(f.values.begin(), f.values.end(), DimensionOf(e, f.dimension)) ==
        f.values.end()) {
      return false;
    }
  }
  return true;
}

using RowMap = std::map<std::vector<std::string>, AnalyticsMeasures>;

inline RowMap BruteForce(const std::vector<Event>& events, const AnalyticsQuery& q) {
  RowMap rows;
  for (const Event& e : events) {
    if (Passes(e, q)) {
      std::vector<std::string> keys;
      for (Dimension d : q.group_by) {
        keys.push_back(DimensionOf(e, d));
      }
      rows[keys] += MeasuresOf(e);
    }
  }
  return rows;
}

inline RowMap ToMap(const std::vector<AnalyticsRow>& rows) {
  RowMap map;
  for (const AnalyticsRow& row : rows) {
    map[row.keys] += row.measures;
  }
  return map;
}

}  // namespace costgate::central::analytics_testing
