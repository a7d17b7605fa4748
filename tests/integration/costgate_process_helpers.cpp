#include "tests/integration/costgate_process_helpers.h"

#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/integration/json_helpers.h"

namespace costgate::integration {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(15);
constexpr const char* kSetpriv = "/usr/bin/setpriv";
constexpr const char* kProviders[] = {"gemini", "vertex", "elevenlabs", "google-tts"};
constexpr const char* kProviderEnvNames[] = {"GEMINI", "VERTEX", "ELEVENLABS", "GOOGLE_TTS"};

// A YAML double-quoted scalar.
std::string Quoted(std::string_view value) {
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  return quoted + "\"";
}

// The port of the {"msg":"listening",...,"role":`role`} line, if the log has one yet.
std::optional<uint16_t> ListeningPort(const std::string& log, std::string_view role) {
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("listening") != std::string::npos && JsonString(line, "/msg") == "listening" &&
        JsonString(line, "/role") == role) {
      if (const auto port = JsonInt(line, "/port"); port && *port > 0 && *port < 65536) {
        return static_cast<uint16_t>(*port);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::string RenderConfigYaml(const DaemonSettings& settings,
                             const std::filesystem::path& receipts_path,
                             const std::filesystem::path& central_db_path) {
  std::ostringstream yaml;
  const uint16_t proxy_port = settings.role == "central" ? 0 : settings.port;
  yaml << "listen:\n  address: \"127.0.0.1\"\n  port: " << proxy_port << "\n  threads: 2\n"
       << "limits:\n"
       << "  max_header_bytes: " << settings.max_header_bytes << "\n"
       << "  max_header_count: " << settings.max_header_count << "\n"
       << "  max_request_body_bytes: " << settings.max_request_body_bytes << "\n"
       << settings.limits_yaml << "timeouts:\n"
       << "  header_read_ms: " << settings.header_read_ms << "\n"
       << "  idle_keepalive_ms: " << settings.idle_keepalive_ms << "\n"
       << "  upstream_connect_ms: " << settings.upstream_connect_ms << "\n"
       << "  upstream_response_ms: " << settings.upstream_response_ms << "\n"
       << "  drain_ms: " << settings.drain_ms << "\n"
       << settings.timeouts_yaml << "upstreams:\n";
  // Every provider at the one upstream under test: no call a test makes can leave the machine.
  for (const char* provider : kProviders) {
    yaml << "  " << provider << ":\n    url: " << Quoted(settings.upstream_url) << "\n";
    if (!settings.ca_file.empty()) {
      yaml << "    ca_file: " << Quoted(settings.ca_file) << "\n";
    }
  }
  if (!settings.labels.empty()) {
    yaml << "labels:\n";
    for (const auto& [name, value] : settings.labels) {
      yaml << "  " << name << ": " << Quoted(value) << "\n";
    }
  }
  yaml << "receipts:\n  path: " << Quoted(receipts_path.string()) << "\n"
       << "  flush_interval_ms: 20\n"
       << settings.receipts_yaml << "log:\n  level: \"info\"\n  access_log: true\n";
  if (settings.role == "central" || settings.role == "all") {
    yaml << "central:\n  listen:\n    address: \"127.0.0.1\"\n    port: "
         << (settings.role == "all" ? settings.central_port : settings.port)
         << "\n    threads: 2\n  database: " << Quoted(central_db_path.string()) << "\n"
         << settings.central_yaml;
  }
  yaml << settings.extra_yaml;
  return yaml.str();
}

CostgateProcess::CostgateProcess(const DaemonSettings& settings,
                                 const std::filesystem::path& work_dir)
    : stderr_path_(work_dir / "costgate.stderr"),
      config_path_(work_dir / "costgate.yaml"),
      receipts_(settings.receipts_path.empty() ? work_dir / "receipts.db" : settings.receipts_path),
      central_db_path_(work_dir / "central.db") {
  SpawnOptions options;
  options.argv = {COSTGATE_BINARY, settings.role};
  options.extra_env = settings.env;
  if (settings.config_file) {
    WriteFile(config_path_, RenderConfigYaml(settings, receipts_.path(), central_db_path_));
    options.argv.insert(options.argv.end(), {"--config", config_path_.string()});
  } else {
    // The embedded defaults listen on 127.0.0.1:8787; port 0 keeps parallel test runs apart.
    std::vector<std::string> env = {"COSTGATE_LISTEN_PORT=0",
                                    "COSTGATE_RECEIPTS_PATH=" + receipts_.path().string()};
    for (const char* provider : kProviderEnvNames) {
      env.push_back(std::string("COSTGATE_") + provider + "_URL=" + settings.upstream_url);
      env.push_back(std::string("COSTGATE_") + provider + "_CA_FILE=" + settings.ca_file);
    }
    // After settings.env: getenv finds the first entry of a name, so a test's own variables win.
    options.extra_env.insert(options.extra_env.end(), env.begin(), env.end());
  }
  if (std::filesystem::exists(kSetpriv)) {
    // setpriv execs in place (same pid): the daemon gets SIGKILL if this test process dies
    // without running its destructors, e.g. killed by a ctest timeout.
    options.argv.insert(options.argv.begin(), {kSetpriv, "--pdeathsig", "KILL", "--"});
  }
  options.working_dir = work_dir;
  options.stdout_path = work_dir / "costgate.stdout";
  options.stderr_path = stderr_path_;
  process_ = std::make_unique<ChildProcess>(options);

  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (true) {
    const std::string log = Log();
    const auto proxy = ListeningPort(log, "proxy");
    const auto central = ListeningPort(log, "central");
    if (settings.role == "central" && central) {
      port_ = central_port_ = *central;
      return;
    }
    if (settings.role == "all" && proxy && central) {
      port_ = *proxy;
      central_port_ = *central;
      return;
    }
    if (settings.role == "proxy" && proxy) {
      port_ = *proxy;
      return;
    }
    if (!process_->Running() || std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error("costgate did not start listening; config:\n" +
                               ReadFileOrEmpty(config_path_) + "stderr:\n" + Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
}

std::vector<std::string> CostgateProcess::LogLines(std::string_view msg) const {
  std::istringstream lines(Log());
  std::vector<std::string> found;
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(msg) != std::string::npos && JsonString(line, "/msg") == msg) {
      found.push_back(line);
    }
  }
  return found;
}

std::optional<std::string> CostgateProcess::WaitForLogLine(
    std::string_view msg, size_t seen, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (std::vector<std::string> found = LogLines(msg); found.size() > seen) {
      return found[seen];
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
}

std::optional<std::string> CostgateProcess::WaitForAccessLine(
    std::string_view event_id, std::chrono::milliseconds timeout) const {
  const std::string needle = "\"event_id\":\"" + std::string(event_id) + "\"";
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    for (const std::string& line : LogLines("request")) {
      if (line.find(needle) != std::string::npos) {
        return line;
      }
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
}

}  // namespace costgate::integration
