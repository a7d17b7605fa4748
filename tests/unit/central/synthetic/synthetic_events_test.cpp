#include "central/synthetic/synthetic_events.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "central/api/reprice.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

constexpr int64_t kSyntheticEnd = 1'764'547'200'000 + 13 * 3'600'000;  // 2025-12-01T13:00Z, Mon

std::vector<Event> MakeAll(const SyntheticSpec& spec, size_t batch_size = 977) {
  SyntheticEvents generator(spec);
  std::vector<Event> all;
  std::vector<Event> batch;
  while (generator.Next(batch, batch_size)) {
    EXPECT_LE(batch.size(), batch_size);
    all.insert(all.end(), batch.begin(), batch.end());
  }
  EXPECT_EQ(generator.made(), static_cast<int64_t>(all.size()));
  return all;
}

TEST(SyntheticEvents, MakesExactlyTheCountInTimeOrderWithinTheRange) {
  const std::vector<Event> events = MakeAll({10'000, 14, 7, kSyntheticEnd});
  ASSERT_EQ(events.size(), 10'000u);
  std::set<std::string> ids;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    EXPECT_GE(e.start_unix_ms, kSyntheticEnd - 14 * 86'400'000LL);
    EXPECT_LT(e.start_unix_ms, kSyntheticEnd);
    if (i > 0) {
      EXPECT_LE(events[i - 1].start_unix_ms, e.start_unix_ms);
    }
    EXPECT_GE(e.end_unix_ms, e.start_unix_ms);
    ids.insert(e.event_id);
  }
  EXPECT_EQ(ids.size(), events.size()) << "event ids repeat";
}

TEST(SyntheticEvents, EveryEventSaysItIsSynthetic) {
  for (const Event& e : MakeAll({2'000, 3, 11, kSyntheticEnd})) {
    EXPECT_EQ(e.source_app, "synthetic");
    EXPECT_EQ(e.host, "synthetic");
    EXPECT_EQ(e.daemon_version, "synthetic");
    EXPECT_TRUE(e.pod.starts_with("synthetic-")) << e.pod;
  }
}

TEST(SyntheticEvents, TheSameSeedMakesTheSameEventsAndAnotherSeedOthers) {
  const std::vector<Event> a = MakeAll({3'000, 5, 42, kSyntheticEnd}, 500);
  const std::vector<Event> b = MakeAll({3'000, 5, 42, kSyntheticEnd}, 1'234);
  const std::vector<Event> c = MakeAll({3'000, 5, 43, kSyntheticEnd}, 500);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].event_id, b[i].event_id) << i;
    ASSERT_EQ(a[i].units, b[i].units) << i;
    ASSERT_EQ(a[i].project, b[i].project) << i;
  }
  EXPECT_NE(a[0].event_id, c[0].event_id);
}

TEST(SyntheticEvents, EverySuccessfulCallHasAPriceInTheBundledBook) {
  const auto book = testing::TestBook();
  std::map<std::string, int> unpriced;
  int priced = 0;
  for (Event& e : MakeAll({3'000, 7, 5, kSyntheticEnd})) {
    Reprice(*book, e);
    if (e.status != "success") {
      continue;
    }
    if (!e.cost || e.cost->pico() <= 0) {
      ++unpriced[e.provider + "/" + e.model + " " + e.unpriced_reason];
    } else {
      ++priced;
    }
  }
  EXPECT_TRUE(unpriced.empty()) << unpriced.begin()->first;
  EXPECT_GT(priced, 2'500);
}

TEST(SyntheticEvents, WeekdaysAndWorkingHoursAreBusierThanWeekendsAndNights) {
  // 28 days: four of each weekday.
  const std::vector<Event> events = MakeAll({50'000, 28, 3, kSyntheticEnd});
  int64_t weekday = 0;
  int64_t weekend = 0;
  int64_t working = 0;
  int64_t night = 0;
  for (const Event& e : events) {
    const int64_t hours = e.start_unix_ms / 3'600'000;
    const int day = static_cast<int>((hours / 24 + 3) % 7);
    ++(day >= 5 ? weekend : weekday);
    const int64_t hour = hours % 24;
    if (hour >= 9 && hour < 17) {
      ++working;
    } else if (hour < 6) {
      ++night;
    }
  }
  EXPECT_GT(static_cast<double>(weekday) / 5, 2.0 * static_cast<double>(weekend) / 2);
  EXPECT_GT(static_cast<double>(working) / 8, 5.0 * static_cast<double>(night) / 6);
}

TEST(SyntheticEvents, NothingIsMadeAfterTheEnd) {
  // The range ends mid-hour: the last hour's events stay before the end.
  const int64_t end = kSyntheticEnd + 17 * 60'000 + 123;
  for (const Event& e : MakeAll({5'000, 1, 9, end})) {
    EXPECT_LT(e.start_unix_ms, end);
  }
}

}  // namespace
}  // namespace costgate::central
