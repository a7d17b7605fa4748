// The analytics targets of issue 15: ingest with rollups on (>= 50,000 events/s) and the
// dashboard views' queries over N events (p95 <= 100 ms at 10 million). Fills a new SQLite
// store with N synthetic events over the last 30 days (label cardinalities of a large org: 2,000
// users, 500 jobs, 100 projects, 50 pods, 30 features, 20 models) through Store::InsertEvents in
// batches of 1,000, then answers each view 20 times through its handler. Not a test: run by
// hand, e.g.
//   analytics_bench [events=1000000] [database path, default a new temp file] [labels]
// labels = "org" (default): labels correlate as in an org: a user and a job work in one project,
//   a project calls 3 models, a pod runs one app, an interactive call has a user and no job, a
//   batch call a job and no user;
// labels = "independent": every label drawn on its own, the worst case for rollups (almost
//   every event its own key in the tables of several dimensions).
// A database path of an existing store with events (and events = 0) re-measures the views only.
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "central/api/handlers.h"
#include "central/budgets/budget_period.h"
#include "central/store/open_store.h"
#include "pricing/book_loader.h"

namespace {

using namespace costgate;
using Clock = std::chrono::steady_clock;

constexpr int64_t kDayMs = 86'400'000;
constexpr int kBatch = 1'000;
constexpr int kRuns = 20;

std::string Label(const char* prefix, std::mt19937_64& rng, uint64_t values) {
  return std::string(prefix) + std::to_string(rng() % values);
}

// Event ids are time-ordered, as the daemons' UUIDv7 ids are: the event_id index grows at its end.
std::string BenchEventId(int64_t i) {
  char id[32];
  std::snprintf(id, sizeof id, "bench-%012lld", static_cast<long long>(i));
  return id;
}

void IndependentLabels(central::Event& e, std::mt19937_64& rng) {
  // Only a project's team, app and workspace follow it, and a model's provider and operation.
  const uint64_t project = rng() % 100;
  const uint64_t model = rng() % 20;
  e.source_app = "synthetic-" + std::to_string(project % 5);
  e.project = "p-" + std::to_string(project);
  e.team = "team-" + std::to_string(project % 20);
  e.workspace = "ws-" + std::to_string(project % 5);
  e.environment = Label("env-", rng, 3);
  e.user = Label("u-", rng, 2000);
  e.job = Label("job-", rng, 500);
  e.feature = Label("f-", rng, 30);
  e.pod = Label("pod-", rng, 50);
  e.model = "model-" + std::to_string(model);
  e.provider = model % 3 == 0 ? "elevenlabs" : "gemini";
  e.operation = "op-" + std::to_string(model % 5);
}

void OrgLabels(central::Event& e, std::mt19937_64& rng) {
  const uint64_t project = rng() % 100;
  const uint64_t app = project % 5;
  e.source_app = "synthetic-" + std::to_string(app);
  e.project = "p-" + std::to_string(project);
  e.team = "team-" + std::to_string(project % 20);
  e.workspace = "ws-" + std::to_string(project % 5);
  const uint64_t env = rng() % 20;  // 80 % production
  e.environment = env < 16 ? "env-0" : env < 19 ? "env-1" : "env-2";
  if (rng() % 10 < 7) {  // interactive: one of the project's 20 users
    e.user = "u-" + std::to_string(project * 20 + rng() % 20);
  } else {  // batch: one of the project's 5 jobs
    e.job = "job-" + std::to_string(project * 5 + rng() % 5);
  }
  e.feature = "f-" + std::to_string((project * 3 + rng() % 3) % 30);
  e.pod = "pod-" + std::to_string(app * 10 + rng() % 10);
  const uint64_t pick = rng() % 10;  // the project's main model, then two others
  const uint64_t model = (project * 7 + (pick < 6 ? 0 : pick < 9 ? 3 : 11)) % 20;
  e.model = "model-" + std::to_string(model);
  e.provider = model % 3 == 0 ? "elevenlabs" : "gemini";
  e.operation = "op-" + std::to_string(model % 5);
}

central::Event SyntheticEvent(int64_t i, int64_t start, bool independent, std::mt19937_64& rng) {
  central::Event e;
  e.event_id = BenchEventId(i);
  e.origin = "proxy";
  e.start_unix_ms = start;
  e.end_unix_ms = e.start_unix_ms + 500;
  if (independent) {
    IndependentLabels(e, rng);
  } else {
    OrgLabels(e, rng);
  }
  e.status = rng() % 50 == 0 ? "upstream_error" : "success";
  e.units = {{"input_tokens", static_cast<int64_t>(rng() % 4000)},
             {"output_tokens", static_cast<int64_t>(rng() % 800)}};
  e.cost = pricing::Money::FromPico(static_cast<int64_t>(rng() % 10'000'000'000));
  e.received_unix_ms = e.start_unix_ms + 1000;
  return e;
}

// This thread's CPU time: beside the wall clock, what ingest costs when other work shares the
// cores (SQLite's writes to the page cache are on this thread too; fsync is not, at NORMAL).
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double Percentile(std::vector<double> ms, double p) {
  std::sort(ms.begin(), ms.end());
  return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t count = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
  const std::string labels = argc > 3 ? argv[3] : "org";
  if (labels != "org" && labels != "independent") {
    std::fprintf(stderr, "labels must be org or independent, not %s\n", labels.c_str());
    return 2;
  }
  std::string path;
  if (argc > 2) {
    path = argv[2];
  } else {
    path = (std::filesystem::temp_directory_path() /
            ("costgate-analytics-bench-" + std::to_string(::getpid()) + ".db"))
               .string();
  }
  auto opened = central::OpenStore({config::StoreLocation::Kind::kSqlite, path},
                                   config::SqliteSynchronous::kNormal);
  if (auto* error = std::get_if<central::StoreError>(&opened)) {
    std::fprintf(stderr, "open %s: %s\n", path.c_str(), error->message.c_str());
    return 1;
  }
  auto store = std::get<std::unique_ptr<central::Store>>(std::move(opened));
  if (std::holds_alternative<central::StoreError>(store->SetAnalyticsTimeZone("Europe/Berlin"))) {
    std::fprintf(stderr, "cannot set the analytics zone\n");
    return 1;
  }
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::mt19937_64 rng(42);
  std::vector<central::Event> batch;
  Clock::duration inserting{};
  double cpu_seconds = 0;
  for (int64_t i = 0; i < count;) {
    batch.clear();
    for (int j = 0; j < kBatch && i < count; ++j, ++i) {
      batch.push_back(SyntheticEvent(i, now - 30 * kDayMs + i * (30 * kDayMs) / count,
                                     labels == "independent", rng));
    }
    const auto start = Clock::now();
    const double cpu_start = ThreadCpuSeconds();
    if (std::holds_alternative<central::StoreError>(store->InsertEvents(batch))) {
      std::fprintf(stderr, "insert failed\n");
      return 1;
    }
    cpu_seconds += ThreadCpuSeconds() - cpu_start;
    inserting += Clock::now() - start;
  }
  const double seconds = std::chrono::duration<double>(inserting).count();
  if (count > 0) {
    std::printf(
        "events: %lld (labels: %s) in %s\ningest with rollups: %.0f events/s (target >= "
        "50000); CPU %.1f us per event (%.0f events per CPU second)\n",
        static_cast<long long>(count), labels.c_str(), path.c_str(),
        static_cast<double>(count) / seconds, cpu_seconds * 1e6 / static_cast<double>(count),
        static_cast<double>(count) / cpu_seconds);
  }

  // The handlers take a price book; the analytics ones never read it. No saved history.
  config::PricingConfig pricing_config;
  pricing_config.history_dir = path + "-prices";
  pricing::BookLoad load = pricing::LoadPriceBook(pricing_config);
  std::filesystem::remove_all(pricing_config.history_dir);
  if (!load.book) {
    std::fprintf(stderr, "price book: %s\n", load.errors.front().c_str());
    return 1;
  }
  const central::ApiKeyRecord key;
  const central::PathParams params;
  central::budgets::ZoneCache zones;
  const central::budgets::TimeZone utc = central::budgets::TimeZone::Utc();
  auto at = [&](int64_t ms) { return central::budgets::LocalTimeText(ms, utc); };
  struct View {
    const char* name;
    central::ApiResponse (*handler)(const central::Call&);
    std::string query;
  };
  const std::vector<View> views = {
      {"summary month-to-date", central::HandleAnalyticsSummary, ""},
      {"summary 30 days, edges off the hour", central::HandleAnalyticsSummary,
       "from=" + at(now - 30 * kDayMs + 7 * 60'000) + "&to=" + at(now - 13 * 60'000)},
      {"timeseries day, month", central::HandleAnalyticsTimeseries, "bucket=day"},
      {"timeseries hour, 2 days, by model", central::HandleAnalyticsTimeseries,
       "bucket=hour&by=model&limit=5&from=" + at(now - 2 * kDayMs)},
      {"breakdown by model", central::HandleAnalyticsBreakdown, "by=model&limit=10"},
      {"breakdown by user (top 10)", central::HandleAnalyticsBreakdown, "by=user&limit=10"},
      {"pivot provider x project", central::HandleAnalyticsPivot, "rows=provider&cols=project"},
      {"summary, 2 models of gemini", central::HandleAnalyticsSummary,
       "model=model-1&model=model-2&provider=gemini"},
      {"events page", central::HandleAnalyticsEvents, "limit=100"},
  };
  std::printf("%-40s %10s %10s\n", "view", "p50 ms", "p95 ms");
  for (const View& view : views) {
    const central::Query query = std::get<central::Query>(central::ParseQuery(view.query));
    const central::ApiRequest request("GET", "/admin/v1/analytics", "", "", now);
    const central::Call call{request, key, *store, *load.book, params, query, zones};
    std::vector<double> ms;
    for (int run = 0; run < kRuns; ++run) {
      const auto start = Clock::now();
      const central::ApiResponse response = view.handler(call);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (response.status != 200) {
        std::fprintf(stderr, "%s: %d %s\n", view.name, response.status, response.body.c_str());
        return 1;
      }
    }
    std::printf("%-40s %10.2f %10.2f\n", view.name, Percentile(ms, 0.5), Percentile(ms, 0.95));
  }
  if (argc <= 2) {
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }
  return 0;
}
