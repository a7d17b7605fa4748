#include "central/synthetic/synthetic_events.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "pricing/units.h"

namespace costgate::central {
namespace {

constexpr int64_t kSyntheticHourMs = 3'600'000;

// How busy an hour is, relative to a weekday's working hour: the made-up company works 9 to 18
// UTC on weekdays, with a lunch dip, a little overnight batch work and quiet weekends.
double HourWeight(int64_t hour_start_unix_ms) {
  static constexpr std::array<double, 24> kDiurnal = {
      0.15, 0.12, 0.10, 0.10, 0.12, 0.15, 0.25, 0.45, 0.75, 1.00, 1.00, 0.95,
      0.80, 0.90, 1.00, 1.00, 0.95, 0.85, 0.60, 0.45, 0.35, 0.30, 0.25, 0.20};
  const int64_t hours = hour_start_unix_ms / kSyntheticHourMs;
  const int64_t days = hours / 24;
  const int weekday = static_cast<int>((days + 3) % 7);  // 1970-01-01 was a Thursday; 0 = Monday
  const double day_weight = weekday >= 5 ? 0.35 : 1.0;
  return day_weight * kDiurnal[static_cast<size_t>(hours % 24)];
}

// Where a call comes from. Workspace, team and project ids as an app would send them; the
// last project is Unassigned (no workspace or team), as unconfigured apps are.
struct Workload {
  const char* workspace;
  const char* team;
  const char* project;
  const char* feature;
  const char* job;  // "" = interactive calls
  double weight;
  int mix;  // index into kMixes: which providers and models it calls
};

constexpr std::array<Workload, 8> kWorkloads = {{
    {"customer-experience", "support", "support-assistant", "chat-reply", "", 30, 0},
    {"customer-experience", "support", "ticket-summaries", "summarize", "nightly-summaries", 14, 1},
    {"customer-experience", "voice", "voice-agent", "voice-reply", "", 12, 2},
    {"product", "growth", "onboarding-emails", "draft-email", "", 10, 0},
    {"product", "search", "semantic-search", "query-rewrite", "", 16, 1},
    {"product", "media", "podcast-narration", "narrate", "weekly-podcast", 5, 3},
    {"research", "ml", "eval-harness", "evaluate", "eval-suite", 8, 4},
    {"", "", "prototype-x", "experiment", "", 5, 0},
}};

struct ModelChoice {
  const char* provider;
  const char* model;
  const char* operation;
  double weight;
};

// Provider and model mixes; every model here has a price in the bundled book (a test checks).
constexpr std::array<std::array<ModelChoice, 3>, 5> kMixes = {{
    {{{"gemini", "gemini-2.5-flash", "generateContent", 6},
      {"gemini", "gemini-2.5-flash", "streamGenerateContent", 3},
      {"gemini", "gemini-2.5-pro", "generateContent", 1}}},
    {{{"gemini", "gemini-2.5-flash-lite", "generateContent", 7},
      {"gemini", "gemini-2.0-flash", "generateContent", 3},
      {"gemini", "gemini-2.5-flash", "generateContent", 1}}},
    {{{"elevenlabs", "eleven_flash_v2_5", "text-to-speech/stream", 6},
      {"gemini", "gemini-2.5-flash", "streamGenerateContent", 5},
      {"google-tts", "neural2", "synthesize", 1}}},
    {{{"elevenlabs", "eleven_multilingual_v2", "text-to-speech", 3},
      {"google-tts", "wavenet", "synthesize", 4},
      {"google-tts", "chirp3-hd", "synthesize", 2}}},
    {{{"gemini", "gemini-2.5-pro", "generateContent", 6},
      {"gemini", "gemini-2.5-flash", "generateContent", 3},
      {"gemini", "gemini-2.0-flash", "generateContent", 1}}},
}};

constexpr std::array<const char*, 3> kEnvironments = {"production", "staging", "development"};
constexpr std::array<double, 3> kEnvironmentWeights = {75, 15, 10};

template <typename Weights>
size_t PickWeighted(std::mt19937_64& random, const Weights& weights) {
  double total = 0;
  for (double w : weights) {
    total += w;
  }
  double at = std::uniform_real_distribution<double>(0, total)(random);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (at < weights[i]) {
      return i;
    }
    at -= weights[i];
  }
  return weights.size() - 1;
}

// A count with a long tail around `median` (prompt sizes, replies, texts to speak).
int64_t SyntheticCount(std::mt19937_64& random, double median, double spread) {
  const double value = median * std::exp(std::normal_distribution<double>(0, spread)(random));
  return std::max<int64_t>(1, static_cast<int64_t>(value));
}

std::array<uint64_t, 4> IdSeed(uint64_t seed) {
  return {seed ^ 0x9e3779b97f4a7c15ULL, seed + 1, ~seed, seed * 0xbf58476d1ce4e5b9ULL + 7};
}

}  // namespace

SyntheticEvents::SyntheticEvents(const SyntheticSpec& spec)
    : spec_(spec), random_(spec.seed), ids_(IdSeed(spec.seed)) {
  const int64_t hours = std::max<int64_t>(1, static_cast<int64_t>(spec.days) * 24);
  // The last hour is the one holding the instant before the end.
  first_hour_unix_ms_ = ((spec.end_unix_ms - 1) / kSyntheticHourMs) * kSyntheticHourMs -
                        (hours - 1) * kSyntheticHourMs;
  // Each hour gets its share by cumulative rounding, so the shares sum to exactly spec.events.
  // A slow growth over the range (+30 % by its end) gives the forecast a trend to find.
  std::vector<double> weights(static_cast<size_t>(hours));
  double total = 0;
  for (int64_t h = 0; h < hours; ++h) {
    const double growth = 1.0 + 0.3 * static_cast<double>(h) / static_cast<double>(hours);
    weights[static_cast<size_t>(h)] =
        HourWeight(first_hour_unix_ms_ + h * kSyntheticHourMs) * growth;
    total += weights[static_cast<size_t>(h)];
  }
  per_hour_.resize(weights.size());
  double cumulative = 0;
  int64_t given = 0;
  for (size_t h = 0; h < weights.size(); ++h) {
    cumulative += weights[h];
    const int64_t upto = h + 1 == weights.size()
                             ? spec.events
                             : std::llround(static_cast<double>(spec.events) * cumulative / total);
    per_hour_[h] = std::max<int64_t>(0, upto - given);
    given += per_hour_[h];
  }
  StartHour();
}

void SyntheticEvents::StartHour() {
  offsets_.clear();
  next_offset_ = 0;
  if (hour_ >= per_hour_.size()) {
    return;
  }
  // The current hour of the range ends at end_unix_ms, not at the hour's end: no event is made
  // in the future.
  const int64_t hour_start = first_hour_unix_ms_ + static_cast<int64_t>(hour_) * kSyntheticHourMs;
  const int64_t span =
      std::max<int64_t>(1, std::min(kSyntheticHourMs, spec_.end_unix_ms - hour_start));
  std::uniform_int_distribution<int64_t> offset(0, span - 1);
  offsets_.resize(static_cast<size_t>(per_hour_[hour_]));
  for (int64_t& o : offsets_) {
    o = offset(random_);
  }
  std::sort(offsets_.begin(), offsets_.end());
}

bool SyntheticEvents::Next(std::vector<Event>& batch, size_t max_events) {
  batch.clear();
  while (batch.size() < max_events && hour_ < per_hour_.size()) {
    if (next_offset_ == offsets_.size()) {
      ++hour_;
      StartHour();
      continue;
    }
    const int64_t hour_start = first_hour_unix_ms_ + static_cast<int64_t>(hour_) * kSyntheticHourMs;
    batch.push_back(MakeEvent(hour_start + offsets_[next_offset_++]));
  }
  made_ += static_cast<int64_t>(batch.size());
  return !batch.empty();
}

Event SyntheticEvents::MakeEvent(int64_t start_unix_ms) {
  static constexpr auto kWorkloadWeights = [] {
    std::array<double, kWorkloads.size()> w{};
    for (size_t i = 0; i < w.size(); ++i) {
      w[i] = kWorkloads[i].weight;
    }
    return w;
  }();
  const Workload& work = kWorkloads[PickWeighted(random_, kWorkloadWeights)];
  const auto& mix = kMixes[static_cast<size_t>(work.mix)];
  const ModelChoice& choice = mix[PickWeighted(
      random_, std::array<double, 3>{mix[0].weight, mix[1].weight, mix[2].weight})];

  Event e;
  e.event_id = ids_.Next(start_unix_ms);
  e.start_unix_ms = start_unix_ms;
  e.origin = "proxy";
  e.source_app = std::string(kSyntheticSourceApp);
  e.workspace = work.workspace;
  e.team = work.team;
  e.project = work.project;
  e.feature = work.feature;
  e.job = work.job;
  e.environment = kEnvironments[PickWeighted(random_, kEnvironmentWeights)];
  // A few heavy users and a long tail: user k is picked with weight 1/k (Zipf). Batch jobs run
  // as a service account.
  if (*work.job != '\0') {
    e.user = std::string("svc-") + work.job;
  } else {
    const double u = std::uniform_real_distribution<double>(0, 1)(random_);
    const int user = static_cast<int>(std::pow(240.0, u));
    e.user = "user-" + std::to_string(1000 + user);
  }
  e.host = "synthetic";
  e.daemon_version = "synthetic";
  e.pod = std::string("synthetic-") + work.project + "-" +
          std::to_string(std::uniform_int_distribution<int>(0, 2)(random_));
  e.provider = choice.provider;
  e.operation = choice.operation;
  e.model = choice.model;
  e.model_version = choice.model;

  const std::string_view provider = e.provider;
  int64_t latency = 0;
  if (provider == "gemini") {
    const int64_t input = SyntheticCount(random_, 900, 0.9);
    e.units.emplace_back(std::string(pricing::kUnitInputTokens), input);
    if (std::uniform_int_distribution<int>(0, 4)(random_) == 0) {
      e.units.emplace_back(std::string(pricing::kUnitCachedInputTokens), input / 2);
    }
    e.units.emplace_back(std::string(pricing::kUnitOutputTokens),
                         SyntheticCount(random_, 280, 0.8));
    if (e.model.find("2.5") != std::string::npos && e.model.find("lite") == std::string::npos) {
      e.units.emplace_back(std::string(pricing::kUnitThinkingTokens),
                           SyntheticCount(random_, 350, 1.0));
    }
    latency = SyntheticCount(random_, e.model.find("pro") != std::string::npos ? 6000 : 1800, 0.5);
  } else {
    const int64_t characters = SyntheticCount(random_, 420, 0.7);
    e.units.emplace_back(std::string(pricing::kUnitCharacters), characters);
    if (provider == "elevenlabs") {
      // Flash and Turbo models bill one credit per two characters (pricing/data/catalogue.yaml).
      const bool half = e.model.find("flash") != std::string::npos;
      e.units.emplace_back(std::string(pricing::kUnitCredits),
                           half ? (characters + 1) / 2 : characters);
    }
    latency = SyntheticCount(random_, 900, 0.4);
  }

  // 1.5 % provider errors (rate limits mostly), 0.5 % calls the app cancelled.
  const int outcome = std::uniform_int_distribution<int>(0, 999)(random_);
  if (outcome < 15) {
    e.status = "upstream_error";
    e.http_status = outcome < 10 ? 429 : 503;
    e.reason = outcome < 10 ? "rate_limited" : "unavailable";
    e.units.clear();
    latency = SyntheticCount(random_, 120, 0.5);
  } else if (outcome < 20) {
    e.status = "cancelled";
    e.http_status = 200;
    e.reason = "client_closed";
    e.estimated = true;
  } else {
    e.status = "success";
    e.http_status = 200;
  }
  e.latency_ms = latency;
  e.ttfb_ms = std::min(latency, SyntheticCount(random_, 350, 0.5));
  e.end_unix_ms = start_unix_ms + latency;
  e.request_bytes = static_cast<uint64_t>(SyntheticCount(random_, 3000, 0.8));
  e.response_bytes = static_cast<uint64_t>(SyntheticCount(random_, 2000, 0.8));
  return e;
}

}  // namespace costgate::central
