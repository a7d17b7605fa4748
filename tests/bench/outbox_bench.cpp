// Outbox throughput: pushes 200k receipts through a ReceiptWriter (synchronous=NORMAL) and
// prints the sustained commit rate. Not a test: run by hand, e.g.
//   outbox_bench [directory] [receipts]
// The database goes to a fresh temp directory (removed afterwards) unless one is given.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "daemon/outbox/receipt_writer.h"
#include "daemon/util/uuid7.h"
#include "filters/receipt.h"

namespace {

using costgate::filters::Receipt;

Receipt MakeReceipt(int64_t now_ms) {
  Receipt r;
  r.event_id = costgate::daemon::util::NewUuidV7();
  r.start_unix_ms = now_ms;
  r.end_unix_ms = now_ms + 1200;
  r.host = "bench-host";
  r.daemon_version = "bench";
  r.labels.source_app = "bench-app";
  r.labels.workspace = "ws";
  r.labels.team = "team";
  r.labels.project = "project";
  r.labels.environment = "prod";
  r.labels.user = "user-42";
  r.provider = "gemini";
  r.operation = "streamGenerateContent";
  r.model_requested = "gemini-2.0-flash";
  r.model_version = "gemini-2.0-flash-001";
  r.units.Set(costgate::filters::kUnitInputTokens, 1234);
  r.units.Set(costgate::filters::kUnitOutputTokens, 567);
  r.units.Set(costgate::filters::kUnitThinkingTokens, 89);
  r.cost = costgate::pricing::Money::FromPico(4'321'000'000);
  r.pricing_version = "bench-prices";
  r.http_status = 200;
  r.latency_ms = 1200;
  r.ttfb_ms = 300;
  r.request_bytes = 2048;
  r.response_bytes = 16384;
  return r;
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const bool own_dir = argc < 2;
  fs::path dir;
  if (own_dir) {
    std::string pattern = fs::temp_directory_path() / "costgate-outbox-bench-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      return 1;
    }
    dir = pattern;
  } else {
    dir = argv[1];
  }
  const int total = argc > 2 ? std::atoi(argv[2]) : 200'000;

  costgate::config::ReceiptsConfig config;
  config.path = (dir / "bench-receipts.db").string();
  config.synchronous = costgate::config::SqliteSynchronous::kNormal;
  config.queue_max = static_cast<uint32_t>(total) + 1;  // measure the disk, not the drop policy

  int exit_code = 0;
  {
    costgate::daemon::outbox::ReceiptWriter writer;
    if (auto error = writer.Open(config)) {
      std::fprintf(stderr, "open: %s\n", error->c_str());
      return 1;
    }
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    // Built before the clock starts: the run measures the outbox, not receipt construction.
    std::vector<Receipt> receipts;
    receipts.reserve(static_cast<size_t>(total));
    for (int i = 0; i < total; ++i) {
      receipts.push_back(MakeReceipt(now_ms + i));
    }
    const auto start = std::chrono::steady_clock::now();
    for (Receipt& receipt : receipts) {
      writer.Submit(std::move(receipt));
    }
    const auto submitted = std::chrono::steady_clock::now();
    writer.Flush();
    const auto committed = std::chrono::steady_clock::now();

    const auto& stats = writer.stats();
    const uint64_t written = stats.written.load();
    const uint64_t batches = stats.batches.load();
    std::printf("receipts:        %d (written %llu, dropped %llu, write errors %llu)\n", total,
                static_cast<unsigned long long>(written),
                static_cast<unsigned long long>(stats.dropped.load()),
                static_cast<unsigned long long>(stats.write_errors.load()));
    std::printf("submit:          %.0f ns per receipt (the request path's cost)\n",
                Seconds(submitted - start) * 1e9 / total);
    std::printf("transactions:    %llu (%.0f receipts each)\n",
                static_cast<unsigned long long>(batches),
                batches > 0 ? static_cast<double>(written) / static_cast<double>(batches) : 0.0);
    std::printf("sustained:       %.0f receipts/s committed (synchronous=NORMAL, %.2f s)\n",
                static_cast<double>(written) / Seconds(committed - start),
                Seconds(committed - start));
    if (written != static_cast<uint64_t>(total)) {
      exit_code = 1;
    }
  }
  std::printf("database:        %.1f MiB\n",
              static_cast<double>(fs::file_size(config.path)) / (1024.0 * 1024.0));
  if (own_dir) {
    fs::remove_all(dir);
  }
  return exit_code;
}
