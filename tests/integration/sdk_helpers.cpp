#include "tests/integration/sdk_helpers.h"

#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <thread>

namespace costgate::integration {
namespace {

const std::filesystem::path kSdkDir = std::filesystem::path(COSTGATE_SOURCE_DIR) / "tests" / "sdk";
// Node starts in well under a second; the SDK imports and a few loopback calls take a few.
constexpr auto kScriptTimeout = std::chrono::seconds(90);

std::optional<std::filesystem::path> FindOnPath(std::string_view program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path == nullptr ? "" : path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::filesystem::path candidate = std::filesystem::path(dir) / program;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) {
    if (!line.empty()) {
      lines.push_back(line);
    }
  }
  return lines;
}

}  // namespace

std::string SdkSkipReason() {
  if (!FindOnPath("node")) {
    return "node is not on PATH (the SDK end-to-end tests need Node.js 20 or later)";
  }
  if (!std::filesystem::is_directory(kSdkDir / "node_modules")) {
    return "tests/sdk/node_modules is missing: run `npm ci --prefix tests/sdk` first";
  }
  return "";
}

SdkRun RunSdkScript(const CostgateProcess& daemon, std::string_view script, std::string_view call,
                    const std::filesystem::path& work_dir) {
  const std::string base_url = daemon.Url("");
  SpawnOptions options;
  options.argv = {FindOnPath("node").value_or("node").string(), (kSdkDir / script).string(),
                  std::string(call)};
  options.extra_env = {
      "COSTGATE_PROXY_URL=" + base_url,
      "GOOGLE_GEMINI_BASE_URL=" + base_url,
      "GOOGLE_VERTEX_BASE_URL=" + base_url,
      "OPENAI_BASE_URL=" + base_url + "/v1beta/openai/",
      // google-auth-library: never probe the GCE metadata server; if anything still tried, it
      // would reach a closed port on this machine (9: discard), not the cloud address.
      "METADATA_SERVER_DETECTION=none",
      "GCE_METADATA_HOST=127.0.0.1:9",
      "GCE_METADATA_IP=127.0.0.1:9",
      "NO_PROXY=127.0.0.1,localhost",
      "no_proxy=127.0.0.1,localhost",
  };
  options.working_dir = kSdkDir;
  options.stdout_path = work_dir / (std::string(script) + "." + std::string(call) + ".stdout");
  options.stderr_path = work_dir / (std::string(script) + "." + std::string(call) + ".stderr");
  ChildProcess node(options);
  SdkRun run;
  run.wait_status = node.WaitExit(kScriptTimeout);
  run.lines = Lines(ReadFileOrEmpty(options.stdout_path));
  run.stderr_text = ReadFileOrEmpty(options.stderr_path);
  return run;
}

std::vector<ReceiptRow> WaitForReceiptsInOrder(const ReceiptsDb& db, size_t count,
                                               std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    std::vector<ReceiptRow> rows = QueryRows(
        db.path(), "SELECT * FROM receipts WHERE state = 'closed' ORDER BY start_unix_ms, rowid");
    if (rows.size() >= count || std::chrono::steady_clock::now() >= deadline) {
      return rows;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
}

}  // namespace costgate::integration
