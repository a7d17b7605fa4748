// The analytics targets of issue 15: ingest with rollups on (>= 50,000 events/s) and the
// dashboard views' queries over N events (p95 <= 100 ms at 10 million). Fills a new SQLite
// store with N synthetic events over the last 30 days (realistic label cardinalities: 2,000
// users, 500 jobs, 100 projects, ...) through Store::InsertEvents in batches of 1,000, then
// answers each view 20 times through its handler. Not a test: run by hand, e.g.
//   analytics_bench [events=1000000] [database path, default a new temp file]
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

central::Event SyntheticEvent(int64_t i, int64_t now, std::mt19937_64& rng) {
  central::Event e;
  e.event_id = "bench-" + std::to_string(i);
  e.origin = "proxy";
  e.start_unix_ms = now;  // the caller spreads them over the last 30 days, in order
  e.end_unix_ms = e.start_unix_ms + 500;
  // Labels correlate as in a real org: a project belongs to one team, app and workspace; a model
  // to one provider and operation. Users, jobs, features and pods vary freely.
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
  e.status = rng() % 50 == 0 ? "upstream_error" : "success";
  e.units = {{"input_tokens", static_cast<int64_t>(rng() % 4000)},
             {"output_tokens", static_cast<int64_t>(rng() % 800)}};
  e.cost = pricing::Money::FromPico(static_cast<int64_t>(rng() % 10'000'000'000));
  e.received_unix_ms = e.start_unix_ms + 1000;
  return e;
}

double Percentile(std::vector<double> ms, double p) {
  std::sort(ms.begin(), ms.end());
  return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t count = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
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
  for (int64_t i = 0; i < count;) {
    batch.clear();
    for (int j = 0; j < kBatch && i < count; ++j, ++i) {
      batch.push_back(SyntheticEvent(i, now, rng));
      batch.back().start_unix_ms = now - 30 * kDayMs + i * (30 * kDayMs) / count;
    }
    const auto start = Clock::now();
    if (std::holds_alternative<central::StoreError>(store->InsertEvents(batch))) {
      std::fprintf(stderr, "insert failed\n");
      return 1;
    }
    inserting += Clock::now() - start;
  }
  const double seconds = std::chrono::duration<double>(inserting).count();
  std::printf("events: %lld in %s\ningest with rollups: %.0f events/s (target >= 50000)\n",
              static_cast<long long>(count), path.c_str(), static_cast<double>(count) / seconds);

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
