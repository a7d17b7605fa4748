#include "daemon/cli/generate_events.h"

#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "base/clock.h"
#include "central/api/handlers.h"
#include "central/api/reprice.h"
#include "central/synthetic/synthetic_events.h"
#include "daemon/cli/arg_cursor.h"
#include "daemon/cli/central_store.h"
#include "daemon/cli/prices_args.h"

namespace costgate::daemon::cli {
namespace {

struct GenerateArgs {
  int64_t events = 0;
  int days = 30;
  std::optional<uint64_t> seed;
  size_t batch = 5'000;
  std::string config_path;
};

void GenerateUsageError(const std::string& message) {
  std::fprintf(stderr, "costgate central generate-events: %s (see costgate --help)\n",
               message.c_str());
}

template <typename T>
bool ParseNumber(const std::string& option, const std::string& text, T low, T high, T& out) {
  T value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < low || value > high) {
    GenerateUsageError(option + " must be a whole number from " + std::to_string(low) + " to " +
                       std::to_string(high) + ", not '" + text + "'");
    return false;
  }
  out = value;
  return true;
}

std::optional<GenerateArgs> ParseGenerateArgs(const std::vector<std::string_view>& args) {
  GenerateArgs out;
  bool have_events = false;
  for (ArgCursor arg(args, 0); arg.Next();) {
    if (arg.positional()) {
      GenerateUsageError("unexpected argument '" + std::string(arg.text()) + "'");
      return std::nullopt;
    }
    const std::string& option = arg.option();
    if (option != "--events" && option != "--days" && option != "--seed" && option != "--batch" &&
        option != "--config") {
      GenerateUsageError("option " + option + " unknown");
      return std::nullopt;
    }
    const std::optional<std::string> value = arg.TakeValue();
    if (!value) {
      GenerateUsageError(option + " needs a value");
      return std::nullopt;
    }
    bool ok = true;
    if (option == "--events") {
      ok = ParseNumber<int64_t>(option, *value, 1, 1'000'000'000, out.events);
      have_events = true;
    } else if (option == "--days") {
      ok = ParseNumber<int>(option, *value, 1, 400, out.days);
    } else if (option == "--seed") {
      uint64_t seed = 0;
      ok = ParseNumber<uint64_t>(option, *value, 0, UINT64_MAX, seed);
      out.seed = seed;
    } else if (option == "--batch") {
      ok = ParseNumber<size_t>(option, *value, 1, 100'000, out.batch);
    } else {
      out.config_path = *value;
    }
    if (!ok) {
      return std::nullopt;
    }
  }
  if (!have_events) {
    GenerateUsageError("--events N is required");
    return std::nullopt;
  }
  return out;
}

}  // namespace

void PrintGenerateEventsCommand(std::FILE* out) {
  std::fprintf(out,
               "  costgate central generate-events --events N [--days D] [--seed S]\n"
               "                                   store N synthetic events (source_app\n"
               "                                   synthetic) over the D days (30) before the\n"
               "                                   last whole hour, through central's ingest\n"
               "                                   path, for demos and benchmarks; the same\n"
               "                                   --seed in the same hour makes the same events\n"
               "                                   (stored once)\n");
}

int GenerateEventsCommand(const std::vector<std::string_view>& args) {
  const std::optional<GenerateArgs> parsed = ParseGenerateArgs(args);
  if (!parsed) {
    return 2;
  }
  constexpr std::string_view kCommand = "central generate-events";
  const std::optional<config::Config> config = LoadCentralConfig(parsed->config_path, kCommand);
  if (!config) {
    return 2;
  }
  const std::shared_ptr<const pricing::PriceBook> book = LoadCliBook(config->pricing);
  if (!book) {
    return 2;
  }
  std::unique_ptr<central::Store> store =
      OpenCentralStore(config->central, /*must_exist=*/false, kCommand);
  if (!store) {
    return 2;
  }

  const int64_t now = base::NowUnixMs();
  const uint64_t seed = parsed->seed.value_or(static_cast<uint64_t>(now));
  // Up to the last whole hour: a second run with the same seed in the same hour makes the same
  // events, which are stored once.
  const int64_t end = now - now % 3'600'000;
  central::SyntheticEvents generator({parsed->events, parsed->days, seed, end});
  // The ingest path as the API runs it, under a key of its own that is never stored: budgets
  // covering the events count them, and their alerts are recorded in the alert log (delivered
  // by central's alert sender, which this command is not).
  central::ApiKeyRecord key;
  key.name = "generate-events";
  key.source_app = std::string(central::kSyntheticSourceApp);
  const central::PathParams params;
  const central::Query query;
  central::budgets::ZoneCache zones;

  const auto started = std::chrono::steady_clock::now();
  int64_t stored = 0;
  int64_t duplicates = 0;
  int64_t next_report = 1'000'000;
  std::vector<central::Event> batch;
  while (generator.Next(batch, parsed->batch)) {
    const int64_t at = base::NowUnixMs();
    for (central::Event& event : batch) {
      central::Reprice(*book, event);
      event.received_unix_ms = at;
    }
    const central::ApiRequest request("POST", "/v1/usage/batch", "", "", at);
    const central::Call call{request, key, *store, *book, params, query, zones};
    const auto inserted = central::InsertCounted(call, batch);
    if (const auto* error = std::get_if<central::StoreError>(&inserted)) {
      std::fprintf(stderr, "costgate %.*s: storing events failed after %lld stored: %s\n",
                   static_cast<int>(kCommand.size()), kCommand.data(),
                   static_cast<long long>(stored), error->message.c_str());
      return 2;
    }
    for (central::InsertResult result : std::get<std::vector<central::InsertResult>>(inserted)) {
      ++(result == central::InsertResult::kStored ? stored : duplicates);
    }
    if (generator.made() >= next_report) {
      std::fprintf(stderr, "  %lld events...\n", static_cast<long long>(generator.made()));
      next_report += 1'000'000;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "generated %lld synthetic events (source_app synthetic) over the last %d days, seed %llu: "
      "%lld stored, %lld already there; %.1f s, %.0f events/s\n",
      static_cast<long long>(generator.made()), parsed->days, static_cast<unsigned long long>(seed),
      static_cast<long long>(stored), static_cast<long long>(duplicates), seconds,
      seconds > 0 ? static_cast<double>(generator.made()) / seconds : 0.0);
  return 0;
}

}  // namespace costgate::daemon::cli
