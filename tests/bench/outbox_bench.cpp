// Outbox throughput: pushes 200k receipts through a ReceiptWriter (synchronous=NORMAL) and
// prints the sustained commit rate and the largest -wal file seen meanwhile; then drains the
// outbox the way the shipper does (NextShipBatch + MarkShipped, 500 at a time, no network) and
// deletes it by retention, printing both rates. Not a test: run by hand, e.g.
//   outbox_bench [directory] [receipts]
// The database goes to a fresh temp directory (removed afterwards) unless one is given.
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "base/uuid7.h"
#include "daemon/outbox/receipt_writer.h"
#include "filters/receipt.h"

namespace {

using costgate::filters::Receipt;

Receipt MakeReceipt(int64_t now_ms) {
  Receipt r;
  r.event_id = costgate::base::NewUuidV7(now_ms);
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

double MiB(int64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

int64_t FileSize(const std::string& path) {
  struct stat st = {};
  return stat(path.c_str(), &st) == 0 ? st.st_size : 0;
}

// Samples the -wal file's size every millisecond until stopped; keeps the largest.
class WalWatch {
 public:
  explicit WalWatch(std::string path)
      : thread_([this, path = std::move(path)](std::stop_token stop) {
          while (!stop.stop_requested()) {
            largest_.store(std::max(largest_.load(), FileSize(path)));
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
        }) {}
  int64_t Stop() {
    thread_.request_stop();
    thread_.join();
    return largest_.load();
  }

 private:
  std::atomic<int64_t> largest_{0};
  std::jthread thread_;
};

// Reads and marks shipped every receipt, `batch` at a time, as the shipper does minus the
// network. Returns how many were marked.
size_t DrainLikeTheShipper(costgate::daemon::outbox::ReceiptWriter& writer, size_t batch,
                           int64_t now_ms) {
  size_t shipped = 0;
  while (true) {
    const auto next = writer.NextShipBatch(batch, false);
    if (next.error || next.receipts.empty()) {
      return shipped;
    }
    std::vector<std::string> ids;
    ids.reserve(next.receipts.size());
    for (const auto& r : next.receipts) {
      ids.push_back(r.receipt.event_id);
    }
    if (writer.MarkShipped(std::move(ids), now_ms)) {
      return shipped;
    }
    shipped += next.receipts.size();
  }
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
    WalWatch wal_watch(config.path + "-wal");
    const auto start = std::chrono::steady_clock::now();
    for (Receipt& receipt : receipts) {
      writer.Submit(std::move(receipt));
    }
    const auto submitted = std::chrono::steady_clock::now();
    writer.Flush();
    const auto committed = std::chrono::steady_clock::now();
    const int64_t largest_wal = wal_watch.Stop();

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
    std::printf("wal:             %.1f MiB at most during the run\n", MiB(largest_wal));
    if (written != static_cast<uint64_t>(total)) {
      exit_code = 1;
    }

    const auto drain_start = std::chrono::steady_clock::now();
    const size_t shipped = DrainLikeTheShipper(writer, 500, now_ms);
    const auto drained = std::chrono::steady_clock::now();
    std::printf("ship reads:      %.0f receipts/s read and marked shipped (500 per batch)\n",
                static_cast<double>(shipped) / Seconds(drained - drain_start));
    // Retention at a "now" past every shipping time: everything goes, a chunk at a time.
    int64_t deleted = 0;
    const int64_t later_ms = now_ms + config.retention.count() + 1;
    while (true) {
      const auto chunk = writer.DeleteExpired(later_ms);
      const auto* n = std::get_if<int64_t>(&chunk);
      if (n == nullptr || *n == 0) {
        break;
      }
      deleted += *n;
    }
    const auto expired = std::chrono::steady_clock::now();
    std::printf("retention:       %.0f receipts/s deleted (%lld-row chunks)\n",
                static_cast<double>(deleted) / Seconds(expired - drained),
                static_cast<long long>(costgate::daemon::outbox::ReceiptWriter::kRetentionChunk));
    if (shipped != static_cast<size_t>(total) || deleted != total) {
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
