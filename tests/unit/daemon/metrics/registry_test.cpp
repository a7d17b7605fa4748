#include "daemon/metrics/registry.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace costgate::daemon::metrics {
namespace {

TEST(Registry, RendersACounterWithHelpAndType) {
  Registry registry;
  Counter c = registry.AddCounter("things_total", "Things seen.");
  c.Add({}, 3);
  EXPECT_EQ(registry.Render(),
            "# HELP things_total Things seen.\n"
            "# TYPE things_total counter\n"
            "things_total 3\n");
}

TEST(Registry, ShowsAnUnlabelledSeriesAtZeroBeforeItsFirstUpdate) {
  Registry registry;
  registry.AddCounter("c_total", "C.");
  registry.AddGauge("g", "G.");
  EXPECT_EQ(registry.Render(),
            "# HELP c_total C.\n# TYPE c_total counter\nc_total 0\n"
            "# HELP g G.\n# TYPE g gauge\ng 0\n");
}

TEST(Registry, ShowsOnlyHelpAndTypeForALabelledFamilyWithoutChildren) {
  Registry registry;
  registry.AddCounter("c_total", "C.", {"reason"});
  EXPECT_EQ(registry.Render(), "# HELP c_total C.\n# TYPE c_total counter\n");
}

TEST(Registry, RendersLabelledChildrenSortedByLabelValues) {
  Registry registry;
  Counter c = registry.AddCounter("req_total", "Requests.", {"provider", "status"});
  c.Add({"gemini", "500"});
  c.Add({"gemini", "200"}, 2);
  c.Add({"elevenlabs", "200"});
  c.Add({"gemini", "200"});
  EXPECT_EQ(registry.Render(),
            "# HELP req_total Requests.\n"
            "# TYPE req_total counter\n"
            "req_total{provider=\"elevenlabs\",status=\"200\"} 1\n"
            "req_total{provider=\"gemini\",status=\"200\"} 3\n"
            "req_total{provider=\"gemini\",status=\"500\"} 1\n");
}

TEST(Registry, EscapesBackslashQuoteAndNewlineInLabelValues) {
  Registry registry;
  Counter c = registry.AddCounter("c_total", "C.", {"v"});
  c.Add({"a\\b\"c\nd"});
  EXPECT_EQ(registry.Render(),
            "# HELP c_total C.\n# TYPE c_total counter\n"
            "c_total{v=\"a\\\\b\\\"c\\nd\"} 1\n");
}

TEST(Registry, EscapesBackslashAndNewlineInHelp) {
  Registry registry;
  registry.AddGauge("g", "line one\nback\\slash \"quotes\" stay");
  EXPECT_EQ(registry.Render(),
            "# HELP g line one\\nback\\\\slash \"quotes\" stay\n# TYPE g gauge\ng 0\n");
}

TEST(Registry, GaugeIsTheSumOfItsDeltas) {
  Registry registry;
  Gauge g = registry.AddGauge("open", "Open.");
  g.Add({}, 5);
  g.Add({}, -2);
  EXPECT_EQ(registry.Render(), "# HELP open Open.\n# TYPE open gauge\nopen 3\n");
}

TEST(Registry, RendersHistogramBucketsCumulativeWithSumAndCount) {
  Registry registry;
  Histogram h = registry.AddHistogram("lat_seconds", "Latency.", {"p"}, {0.125, 1});
  h.Observe({"a"}, 0.0625);
  h.Observe({"a"}, 0.125);  // on a bound: counted in that bucket (le = less or equal)
  h.Observe({"a"}, 0.5);
  h.Observe({"a"}, 3);
  EXPECT_EQ(registry.Render(),
            "# HELP lat_seconds Latency.\n"
            "# TYPE lat_seconds histogram\n"
            "lat_seconds_bucket{p=\"a\",le=\"0.125\"} 2\n"
            "lat_seconds_bucket{p=\"a\",le=\"1\"} 3\n"
            "lat_seconds_bucket{p=\"a\",le=\"+Inf\"} 4\n"
            "lat_seconds_sum{p=\"a\"} 3.6875\n"
            "lat_seconds_count{p=\"a\"} 4\n");
}

TEST(Registry, RendersAnUnlabelledHistogramAtZero) {
  Registry registry;
  registry.AddHistogram("h", "H.", {}, {0.5});
  EXPECT_EQ(registry.Render(),
            "# HELP h H.\n# TYPE h histogram\n"
            "h_bucket{le=\"0.5\"} 0\n"
            "h_bucket{le=\"+Inf\"} 0\n"
            "h_sum 0\n"
            "h_count 0\n");
}

TEST(Registry, RendersCallbackFamiliesFromTheirCurrentValues) {
  Registry registry;
  double depth = 7;
  registry.AddCallback(MetricType::kGauge, "depth", "Depth.", [&depth] { return depth; });
  registry.AddCallback(MetricType::kCounter, "meter_total", "Meter.", {"provider"}, [] {
    return std::vector<Sample>{{{"zeta"}, 2}, {{"alpha"}, 1.5}};
  });
  depth = 9;
  EXPECT_EQ(registry.Render(),
            "# HELP depth Depth.\n# TYPE depth gauge\ndepth 9\n"
            "# HELP meter_total Meter.\n# TYPE meter_total counter\n"
            "meter_total{provider=\"alpha\"} 1.5\n"
            "meter_total{provider=\"zeta\"} 2\n");
}

TEST(Registry, SkipsCallbackSamplesWithTheWrongLabelCount) {
  Registry registry;
  registry.AddCallback(MetricType::kGauge, "g", "G.", {"a"}, [] {
    return std::vector<Sample>{{{"x", "y"}, 1}, {{"ok"}, 2}};
  });
  EXPECT_EQ(registry.Render(), "# HELP g G.\n# TYPE g gauge\ng{a=\"ok\"} 2\n");
}

TEST(Registry, KeepsCountsLargerThanADoubleHoldsExactly) {
  Registry registry;
  Counter c = registry.AddCounter("bytes_total", "Bytes.");
  c.Add({}, (uint64_t{1} << 53) + 1);
  EXPECT_EQ(
      registry.Render(),
      "# HELP bytes_total Bytes.\n# TYPE bytes_total counter\nbytes_total 9007199254740993\n");
}

TEST(Registry, SumsConcurrentIncrementsFromManyThreads) {
  Registry registry;
  Counter c = registry.AddCounter("c_total", "C.", {"k"});
  Gauge g = registry.AddGauge("g", "G.");
  Histogram h = registry.AddHistogram("h", "H.", {}, {1});
  constexpr int kThreads = 4;
  constexpr int kIterations = 50'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kIterations; ++i) {
        c.Add({"shared"});
        c.Add({t % 2 == 0 ? "even" : "odd"}, 2);
        g.Add({}, 1);
        h.Observe({}, 2);
        // Renders race with the increments; they must neither block them nor lose any.
        if (i % 10'000 == 0) {
          registry.Render();
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(registry.Render(),
            "# HELP c_total C.\n# TYPE c_total counter\n"
            "c_total{k=\"even\"} 200000\n"
            "c_total{k=\"odd\"} 200000\n"
            "c_total{k=\"shared\"} 200000\n"
            "# HELP g G.\n# TYPE g gauge\ng 200000\n"
            "# HELP h H.\n# TYPE h histogram\n"
            "h_bucket{le=\"1\"} 0\n"
            "h_bucket{le=\"+Inf\"} 200000\n"
            "h_sum 400000\n"
            "h_count 200000\n");
}

TEST(Registry, GaugeDeltasFromDifferentThreadsCancel) {
  Registry registry;
  Gauge g = registry.AddGauge("open", "Open.");
  std::thread([&] { g.Add({}, 1); }).join();  // opened on one thread...
  g.Add({}, -1);                              // ...closed on another
  EXPECT_EQ(registry.Render(), "# HELP open Open.\n# TYPE open gauge\nopen 0\n");
}

TEST(Registry, KeepsTheCountsOfFinishedThreads) {
  Registry registry;
  Counter c = registry.AddCounter("c_total", "C.");
  std::thread([&] { c.Add({}, 4); }).join();
  EXPECT_EQ(registry.Render(), "# HELP c_total C.\n# TYPE c_total counter\nc_total 4\n");
}

TEST(Registry, CountsFamiliesAddedAfterAThreadsFirstUpdate) {
  Registry registry;
  Counter first = registry.AddCounter("a_total", "A.");
  first.Add({});
  Counter second = registry.AddCounter("b_total", "B.");
  second.Add({}, 2);
  EXPECT_EQ(registry.Render(),
            "# HELP a_total A.\n# TYPE a_total counter\na_total 1\n"
            "# HELP b_total B.\n# TYPE b_total counter\nb_total 2\n");
}

TEST(Registry, KeepsRegistriesApart) {
  Registry one;
  Registry two;
  Counter a = one.AddCounter("c_total", "C.");
  Counter b = two.AddCounter("c_total", "C.");
  a.Add({}, 1);
  b.Add({}, 5);
  EXPECT_EQ(one.Render(), "# HELP c_total C.\n# TYPE c_total counter\nc_total 1\n");
  EXPECT_EQ(two.Render(), "# HELP c_total C.\n# TYPE c_total counter\nc_total 5\n");
}

}  // namespace
}  // namespace costgate::daemon::metrics
