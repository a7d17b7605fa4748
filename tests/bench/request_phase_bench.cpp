// Request-phase cost: runs the production filter chain's OnRequest hooks (route, attribute,
// preflight, meter, price, receipt: the intent is built and submitted) for a typical Gemini
// generateContent request, the way the proxy does, on one thread, and prints ns per request.
// It exists to show that the suspendable request phase (filters/task.h) costs the synchronous
// filters nothing. Not a test: run by hand, e.g.
//   request_phase_bench [requests]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "filters/chain.h"
#include "filters/request_phase.h"
#include "pricing/price_book.h"

namespace {

using namespace costgate;

// Drops receipts: the bench measures the filters, not a store.
class DroppingSink final : public filters::ReceiptSink {
 public:
  void Submit(filters::Receipt receipt) noexcept override { submitted += receipt.open ? 1 : 0; }
  uint64_t submitted = 0;
};

// The sidecar defaults plus the one upstream the request goes to; labels come from headers.
config::Config BenchConfig() {
  config::Config config;
  config.upstreams.emplace_back().name = "gemini";
  config.upstreams.back().url = "https://generativelanguage.googleapis.com";
  return config;
}

filters::Exchange TypicalRequest() {
  filters::Exchange x;
  x.event_id = "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70";
  x.start_unix_ms = 1'750'000'000'000;
  x.request.method = "POST";
  x.request.target = "/v1beta/models/gemini-2.0-flash-001:generateContent";
  x.request.headers.Add("Host", "127.0.0.1:8787");
  x.request.headers.Add("x-goog-api-key", "bench-key");
  x.request.headers.Add("Content-Type", "application/json");
  x.request.headers.Add("Content-Length", "1234");
  x.request.headers.Add("x-costgate-project", "invoices");
  return x;
}

// Mean ns per call of `request()` over n calls.
template <typename Request>
double NsPerRequest(long n, Request request) {
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < n; ++i) {
    request();
  }
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start)
             .count() /
         static_cast<double>(n);
}

}  // namespace

int main(int argc, char** argv) {
  const long requests = argc > 1 ? std::atol(argv[1]) : 2'000'000;
  const config::Config config = BenchConfig();
  DroppingSink receipts;
  filters::FilterStats stats;
  const pricing::PriceBookHolder prices(pricing::PriceBook::Build({}, {}));
  const filters::FilterChain chain =
      filters::FilterChain::Build(config, receipts, stats, prices, {"bench-host", "bench"});
  const filters::Exchange proto = TypicalRequest();

  uint64_t sink = 0;
  // One admitted request's setup without the request phase: what the session does before it.
  auto setup_only = [&] {
    filters::Exchange x = proto;
    auto list = chain.CreateFilters();
    sink += list.size() + x.request.headers.size();
  };
  // The same, plus the request phase as the proxy runs it (every filter ready at once here).
  auto with_phase = [&] {
    filters::Exchange x = proto;
    auto list = chain.CreateFilters();
    const filters::Task<filters::Next> phase = filters::RunRequestFilters(list, x);
    sink += list.size() + x.request.headers.size() + (phase.ready() ? 1 : 0);
  };
  NsPerRequest(requests / 10, with_phase);  // warm-up: caches, allocator
  // Interleaved, best of five: the machine is shared, the minimum is the least disturbed run.
  double setup = 1e300;
  double phase = 1e300;
  for (int round = 0; round < 5; ++round) {
    setup = std::min(setup, NsPerRequest(requests, setup_only));
    phase = std::min(phase, NsPerRequest(requests, with_phase));
  }
  if (receipts.submitted == 0) {
    std::fprintf(stderr, "no intent was submitted: the request was not admitted\n");
    return 1;
  }
  std::printf("requests per round     %ld (best of 5)\n", requests);
  std::printf("setup (copy + create)  %.1f ns/request\n", setup);
  std::printf("setup + OnRequest      %.1f ns/request\n", phase);
  std::printf("OnRequest chain        %.1f ns/request\n", phase - setup);
  std::printf("(checksum %llu)\n", static_cast<unsigned long long>(sink));
  return 0;
}
