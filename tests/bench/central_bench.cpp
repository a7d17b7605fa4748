// Central ingest throughput: starts `costgate central` on a fresh database, makes a ship key,
// then posts /v1/usage/batch requests from several keep-alive connections for a while and
// prints events stored per second, batch latency percentiles, central's CPU per event and RSS.
// Not a test: run by hand, e.g.
//   central_bench [seconds=10] [batch=1000] [connections=2] [gzip=0]
#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/gzip_encoder.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

pid_t Spawn(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (const std::string& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    pid = -1;
  }
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int RunToEnd(const std::vector<std::string>& args, const fs::path& dir) {
  const pid_t pid = Spawn(args, dir / "cmd.out", dir / "cmd.err");
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// utime + stime of `pid` in seconds; RSS high-water mark in KiB.
double CpuSeconds(pid_t pid) {
  std::istringstream stat(ReadFile("/proc/" + std::to_string(pid) + "/stat"));
  std::string field;
  double ticks = 0;
  for (int i = 1; i <= 15 && stat >> field; ++i) {
    if (i == 14 || i == 15) {
      ticks += std::strtod(field.c_str(), nullptr);
    }
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long RssHighWaterKib(pid_t pid) {
  const std::string status = ReadFile("/proc/" + std::to_string(pid) + "/status");
  const size_t at = status.find("VmHWM:");
  return at == std::string::npos ? -1 : std::strtol(status.c_str() + at + 6, nullptr, 10);
}

std::string Batch(int connection, int64_t& sequence, int events, int64_t now_ms) {
  std::string body = "{\"events\":[";
  for (int i = 0; i < events; ++i) {
    const std::string id = "bench-" + std::to_string(connection) + "-" + std::to_string(sequence++);
    body += i == 0 ? "" : ",";
    body += "{\"event_id\":\"" + id + "\",\"start_unix_ms\":" + std::to_string(now_ms) +
            ",\"end_unix_ms\":" + std::to_string(now_ms + 1200) +
            ",\"host\":\"bench-host\",\"daemon_version\":\"bench\",\"labels\":{\"source_app\":"
            "\"bench-app\",\"workspace\":\"ws\",\"project\":\"p-" +
            std::to_string(i % 50) + "\",\"user\":\"u-" + std::to_string(i % 500) +
            "\"},\"provider\":\"gemini\",\"operation\":\"generateContent\",\"model\":"
            "\"gemini-2.5-flash\",\"model_version\":\"gemini-2.5-flash\",\"units\":{"
            "\"input_tokens\":1234,\"output_tokens\":567,\"thinking_tokens\":89},\"status\":"
            "\"success\",\"http_status\":200,\"latency_ms\":1200,\"ttfb_ms\":300,"
            "\"cost_pico_usd\":1652350000,\"pricing_version\":\"pb-bench\"}";
  }
  return body + "]}";
}

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 10;
  const int batch = argc > 2 ? std::atoi(argv[2]) : 1000;
  const int connections = argc > 3 ? std::atoi(argv[3]) : 2;
  const bool gzip = argc > 4 && std::atoi(argv[4]) != 0;
  const fs::path dir = fs::temp_directory_path() / ("central_bench." + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string config = (dir / "central.yaml").string();
  std::ofstream(config) << "central:\n  listen:\n    port: 0\n  database: \"" +
                               (dir / "central.db").string() + "\"\n  max_batch_events: 100000\n";
  if (RunToEnd({COSTGATE_BINARY, "keys", "create", "--config", config, "--name", "bench",
                "--source-app", "bench-app", "--scopes", "ship"},
               dir) != 0) {
    std::fprintf(stderr, "keys create failed: %s\n", ReadFile(dir / "cmd.err").c_str());
    return 1;
  }
  const std::string out = ReadFile(dir / "cmd.out");
  const std::string key = out.substr(0, out.find('\n'));
  const pid_t central = Spawn({COSTGATE_BINARY, "central", "--config", config}, dir / "central.out",
                              dir / "central.err");
  int port = 0;
  for (int i = 0; i < 1500 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const std::string log = ReadFile(dir / "central.err");
    const size_t at = log.find("\"port\":");
    if (at != std::string::npos && log.find("listening") != std::string::npos) {
      port = std::atoi(log.c_str() + at + 7);
    }
  }
  if (port == 0) {
    std::fprintf(stderr, "central did not start: %s\n", ReadFile(dir / "central.err").c_str());
    kill(central, SIGKILL);
    return 1;
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/v1/usage/batch";
  std::atomic<int64_t> stored{0};
  std::vector<std::vector<double>> latencies(static_cast<size_t>(connections));
  const double cpu_before = CpuSeconds(central);
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      CURL* curl = curl_easy_init();
      curl_slist* headers = nullptr;
      headers = curl_slist_append(headers, ("X-API-Key: " + key).c_str());
      headers = curl_slist_append(headers, "Content-Type: application/json");
      headers = curl_slist_append(headers, "Expect:");
      if (gzip) {
        headers = curl_slist_append(headers, "Content-Encoding: gzip");
      }
      int64_t sequence = 0;
      std::string answer;
      curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
      curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
      curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
      curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
      while (Clock::now() < end) {
        const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
        std::string body = Batch(c, sequence, batch, now_ms);
        if (gzip) {
          body = costgate::base::Gzip(body).value_or(body);
        }
        answer.clear();
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        const auto sent = Clock::now();
        long status = 0;
        if (curl_easy_perform(curl) == CURLE_OK) {
          curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        }
        latencies[static_cast<size_t>(c)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        const size_t at = answer.find("\"stored\":");
        if (status != 200 || at == std::string::npos) {
          std::fprintf(stderr, "batch failed: HTTP %ld %s\n", status,
                       answer.substr(0, 300).c_str());
          break;
        }
        stored += std::atoll(answer.c_str() + at + 9);
      }
      curl_slist_free_all(headers);
      curl_easy_cleanup(curl);
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = CpuSeconds(central) - cpu_before;
  const long rss = RssHighWaterKib(central);
  std::vector<double> all;
  for (const auto& l : latencies) {
    all.insert(all.end(), l.begin(), l.end());
  }
  std::sort(all.begin(), all.end());
  auto percentile = [&](double p) {
    return all.empty() ? 0.0
                       : all[std::min(all.size() - 1,
                                      static_cast<size_t>(p * static_cast<double>(all.size())))];
  };
  std::printf("central ingest: %d s, batches of %d, %d connections, %s bodies\n", seconds, batch,
              connections, gzip ? "gzip" : "identity");
  std::printf("  events stored     %lld (%.0f events/s)\n", static_cast<long long>(stored.load()),
              static_cast<double>(stored.load()) / elapsed);
  std::printf("  batches           %zu, latency p50 %.1f ms, p99 %.1f ms\n", all.size(),
              percentile(0.50), percentile(0.99));
  std::printf("  central CPU       %.2f s (%.2f us per event)\n", cpu,
              stored.load() > 0 ? cpu * 1e6 / static_cast<double>(stored.load()) : 0.0);
  std::printf("  central RSS peak  %.1f MiB\n", static_cast<double>(rss) / 1024.0);
  std::printf("  database          %.1f MiB\n",
              static_cast<double>(fs::file_size(dir / "central.db")) / (1024.0 * 1024.0));
  kill(central, SIGTERM);
  int status = 0;
  waitpid(central, &status, 0);
  fs::remove_all(dir);
  return stored.load() > 0 ? 0 : 1;
}
