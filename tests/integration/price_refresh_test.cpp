// The scheduled price refresh (pricing.refresh.url) of a running daemon, against a plain HTTP
// file server on 127.0.0.1 (Python's http.server): a good feed is saved and published, a broken
// or missing one is logged and the book in force is kept.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <sstream>
#include <thread>

#include "tests/integration/costgate_process_helpers.h"
#include "tests/integration/http_client_helpers.h"
#include "tests/integration/json_helpers.h"
#include "tests/integration/price_catalogue_helpers.h"
#include "tests/integration/process_helpers.h"

namespace costgate::integration {
namespace {

// The refresher's first attempt comes a second after start; loading the book (the bundled
// catalogue plus the new one) takes a moment more on a busy machine.
constexpr auto kRefreshWait = std::chrono::seconds(20);

// `python3 -m http.server` serving a directory on an ephemeral loopback port.
class FileServer {
 public:
  FileServer() {
    SpawnOptions options;
    options.argv = {std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3",
                    "-u",  // unbuffered: the "Serving HTTP on ... port N" line arrives at once
                    "-m",
                    "http.server",
                    "0",
                    "--bind",
                    "127.0.0.1",
                    "--directory",
                    root_.path().string()};
    options.stdout_path = log_dir_.path() / "stdout";
    options.stderr_path = log_dir_.path() / "stderr";
    process_ = std::make_unique<ChildProcess>(options);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (port_ == 0) {
      const std::string out = ReadFileOrEmpty(options.stdout_path);
      if (const size_t at = out.find(" port "); at != std::string::npos) {
        port_ = std::stoi(out.substr(at + 6));
      } else if (!process_->Running() || std::chrono::steady_clock::now() >= deadline) {
        throw std::runtime_error("http.server did not start: " +
                                 ReadFileOrEmpty(options.stderr_path));
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
      }
    }
  }

  void Serve(std::string_view name, std::string_view contents) {
    WriteFile(root_.path() / name, contents);
  }
  std::string Url(std::string_view name) const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/" + std::string(name);
  }

 private:
  TempDir root_;
  TempDir log_dir_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
};

// A daemon whose price feed is `url`; it never proxies anything in these tests.
struct RefreshingDaemon {
  explicit RefreshingDaemon(const std::string& url) : daemon(Settings(url), dir.path()) {}

  static DaemonSettings Settings(const std::string& url) {
    DaemonSettings settings;
    settings.upstream_url = "https://127.0.0.1:9";  // never contacted
    settings.env = {"COSTGATE_PRICING_REFRESH_URL=" + url};
    return settings;
  }

  std::string LoadedVersion() const {
    const std::vector<std::string> lines = daemon.LogLines("price book loaded");
    return lines.empty() ? "" : JsonString(lines.front(), "/version").value_or("");
  }

  std::vector<std::filesystem::path> SavedVersions() const {
    std::vector<std::filesystem::path> files;
    const std::filesystem::path history = dir.path() / "costgate-prices";
    if (std::filesystem::exists(history)) {
      for (const auto& entry : std::filesystem::directory_iterator(history)) {
        files.push_back(entry.path());
      }
    }
    return files;
  }

  std::string Metrics() const {
    HttpRequest request;
    request.url = daemon.Url("/metrics");
    return Http(request).body;
  }

  TempDir dir;
  CostgateProcess daemon;
};

TEST(PriceRefresh, AGoodFeedIsSavedAndPublished) {
  FileServer feed;
  const std::string catalogue = RepricedCatalogue();
  feed.Serve("prices.json", catalogue);
  RefreshingDaemon host(feed.Url("prices.json"));
  const std::string loaded = host.LoadedVersion();
  ASSERT_FALSE(loaded.empty()) << host.daemon.Log();

  const std::optional<std::string> line =
      host.daemon.WaitForLogLine("price book refreshed", 0, kRefreshWait);
  ASSERT_TRUE(line.has_value()) << host.daemon.Log();
  EXPECT_EQ(JsonString(*line, "/old_version"), loaded) << *line;
  const std::string published = JsonString(*line, "/new_version").value_or("");
  EXPECT_NE(published, loaded);
  EXPECT_EQ(JsonString(*line, "/url"), feed.Url("prices.json"));
  // The feed differs from the bundled snapshot in one price.
  EXPECT_EQ(JsonInt(*line, "/repriced"), 1) << *line;
  EXPECT_EQ(JsonInt(*line, "/added"), 0) << *line;

  const std::vector<std::filesystem::path> saved = host.SavedVersions();
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(ReadFileOrEmpty(saved[0]), catalogue);
  EXPECT_EQ(JsonString(*line, "/saved"), ("costgate-prices" / saved[0].filename()).string());

  const std::string metrics = host.Metrics();
  EXPECT_NE(metrics.find("costgate_price_book_info{version=\"" + published + "\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("costgate_price_refresh_total{result=\"ok\"} 1"), std::string::npos)
      << metrics;
}

TEST(PriceRefresh, ABrokenFeedIsLoggedAndTheBookIsKept) {
  FileServer feed;
  feed.Serve("prices.json", "{\"gemini/gemini-2.5-pro\": {\"input_cost_per_token\": ");
  RefreshingDaemon host(feed.Url("prices.json"));
  const std::string loaded = host.LoadedVersion();
  ASSERT_FALSE(loaded.empty()) << host.daemon.Log();

  const std::optional<std::string> line =
      host.daemon.WaitForLogLine("price refresh failed", 0, kRefreshWait);
  ASSERT_TRUE(line.has_value()) << host.daemon.Log();
  EXPECT_EQ(JsonString(*line, "/keeping_version"), loaded) << *line;
  EXPECT_NE(JsonString(*line, "/reason").value_or("").find("not a valid LiteLLM price catalogue"),
            std::string::npos)
      << *line;
  EXPECT_TRUE(host.SavedVersions().empty());
  EXPECT_TRUE(host.daemon.LogLines("price book refreshed").empty());

  const std::string metrics = host.Metrics();
  EXPECT_NE(metrics.find("costgate_price_book_info{version=\"" + loaded + "\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("costgate_price_refresh_total{result=\"failed\"} 1"), std::string::npos)
      << metrics;
}

TEST(PriceRefresh, AMissingFeedIsLoggedWithItsHttpStatus) {
  FileServer feed;
  RefreshingDaemon host(feed.Url("absent.json"));
  const std::optional<std::string> line =
      host.daemon.WaitForLogLine("price refresh failed", 0, kRefreshWait);
  ASSERT_TRUE(line.has_value()) << host.daemon.Log();
  EXPECT_NE(JsonString(*line, "/reason").value_or("").find("HTTP status 404"), std::string::npos)
      << *line;
  EXPECT_EQ(JsonString(*line, "/keeping_version"), host.LoadedVersion());
  EXPECT_TRUE(host.SavedVersions().empty());
}

TEST(PriceRefresh, AFeedWithTheSamePricesLeavesNoFileBehind) {
  // The bundled snapshot with a top-level "last_updated" key, as some mirrors serve it: new
  // bytes, no new price.
  std::string same_prices = ReadFileOrEmpty(BundledCatalogue());
  same_prices.insert(same_prices.find('{') + 1, "\n    \"last_updated\": \"2026-11-22\",");
  FileServer feed;
  feed.Serve("prices.json", same_prices);
  RefreshingDaemon host(feed.Url("prices.json"));
  const std::optional<std::string> line =
      host.daemon.WaitForLogLine("price feed unchanged", 0, kRefreshWait);
  ASSERT_TRUE(line.has_value()) << host.daemon.Log();
  EXPECT_EQ(JsonString(*line, "/version"), host.LoadedVersion());
  EXPECT_TRUE(host.SavedVersions().empty());
  EXPECT_NE(host.Metrics().find("costgate_price_refresh_total{result=\"unchanged\"} 1"),
            std::string::npos);
}

TEST(PriceRefresh, SigtermDoesNotWaitForTheNextRefresh) {
  FileServer feed;
  feed.Serve("prices.json", RepricedCatalogue());
  RefreshingDaemon host(feed.Url("prices.json"));
  ASSERT_TRUE(host.daemon.WaitForLogLine("price book refreshed", 0, kRefreshWait).has_value())
      << host.daemon.Log();
  // The next refresh is a day away (pricing.refresh.interval_ms default).
  const auto start = std::chrono::steady_clock::now();
  host.daemon.process().Signal(SIGTERM);
  const std::optional<int> status = host.daemon.process().WaitExit(std::chrono::seconds(10));
  ASSERT_TRUE(status.has_value()) << "still running 10 s after SIGTERM";
  EXPECT_EQ(DescribeWaitStatus(*status), "exited with code 0");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

}  // namespace
}  // namespace costgate::integration
