// Pricing throughput: prices a mixed workload of receipts (the way the price filter does:
// resolve the key from modelVersion / URL model, then cost the units) against the bundled book
// on one thread, and prints receipts per second. Not a test: run by hand, e.g.
//   pricing_bench [receipts]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "pricing/book_loader.h"
#include "pricing/cost.h"

namespace {

using namespace costgate::pricing;

struct Call {
  PriceSubject subject;
  Units units;
  ServiceTier tier;
};

std::vector<Call> Workload() {
  std::vector<Call> calls;
  auto add = [&](PriceSubject s, std::vector<std::pair<std::string_view, int64_t>> u,
                 ServiceTier tier = ServiceTier::kStandard) {
    Units units;
    for (const auto& [name, value] : u) {
      units.Set(name, value);
    }
    calls.push_back({s, units, tier});
  };
  // Mostly chat, as in production; each shape once per cycle.
  add({"gemini", "gemini-2.5-flash", "gemini-2.5-flash"}, {{kUnitInputTokens, 3520},
                                                           {kUnitOutputTokens, 2},
                                                           {kUnitCachedInputTokens, 3512},
                                                           {kUnitThinkingTokens, 42},
                                                           {kUnitTotalTokens, 3564},
                                                           {"input_text_tokens", 3520}});
  add({"gemini", "gemini-3.6-flash", "gemini-flash-latest"},
      {{kUnitInputTokens, 11}, {kUnitOutputTokens, 2}, {kUnitThinkingTokens, 291}});
  add({"gemini", "gemini-2.0-flash-001", "gemini-2.0-flash-001"},
      {{kUnitInputTokens, 14}, {kUnitOutputTokens, 51}, {kUnitTotalTokens, 65}});
  add({"gemini", "gemini-2.5-pro", "gemini-2.5-pro"},
      {{kUnitInputTokens, 250'000}, {kUnitOutputTokens, 2'000}, {kUnitThinkingTokens, 900}});
  add({"gemini", "", "gemini-3.6-flash"}, {{kUnitInputTokens, 900}, {kUnitOutputTokens, 90}},
      ServiceTier::kFlex);
  add({"gemini", "", "models/gemini-2.5-flash-preview-05-20"},
      {{kUnitInputTokens, 500}, {kUnitOutputTokens, 50}});
  add({"vertex", "", "imagen-4.0-generate-001"}, {{kUnitImages, 2}});
  add({"gemini", "", "gemini-embedding-001"}, {{kUnitInputTokens, 700}});
  add({"google-tts", "", "wavenet"}, {{kUnitCharacters, 1200}});
  add({"elevenlabs", "", "eleven_multilingual_v2"}, {{kUnitCredits, 5378}});
  add({"gemini", "", "custom-gemini-2.0-flash"}, {{kUnitInputTokens, 10}});  // unknown
  return calls;
}

}  // namespace

int main(int argc, char** argv) {
  const long receipts = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 5'000'000;
  costgate::config::PricingConfig bundled_only;
  bundled_only.history_dir.clear();
  BookLoad load = LoadPriceBook(bundled_only);
  if (!load.book) {
    std::fprintf(stderr, "cannot load the bundled price book: %s\n",
                 load.errors.empty() ? "?" : load.errors.front().c_str());
    return 1;
  }
  const PriceBook& book = *load.book;
  const std::vector<Call> calls = Workload();
  int64_t checksum = 0;
  long unpriced = 0;
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < receipts; ++i) {
    const Call& call = calls[static_cast<size_t>(i) % calls.size()];
    const Quote q = PriceUsage(book, call.subject, call.units, call.tier, 1'790'000'000'000);
    checksum += q.total.pico();
    unpriced += q.priced() ? 0 : 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("priced %ld receipts (%zu shapes, %ld unpriced) in %.3f s on one thread\n", receipts,
              calls.size(), unpriced, seconds);
  std::printf("%.0f receipts/s per core, %.0f ns per receipt (checksum %lld)\n",
              static_cast<double>(receipts) / seconds,
              seconds * 1e9 / static_cast<double>(receipts), static_cast<long long>(checksum));
  return 0;
}
