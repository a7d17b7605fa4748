// The costgate daemon under test: renders its YAML config, runs `costgate proxy --config FILE`
// (or `costgate proxy` on the embedded defaults, or `costgate central|all --config FILE`) and
// waits for its "listening" log lines to learn the ephemeral ports.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/process_helpers.h"
#include "tests/integration/receipts_helpers.h"

namespace costgate::integration {

// The config knobs the tests turn; everything else keeps its embedded default.
struct DaemonSettings {
  std::string upstream_url;  // https://127.0.0.1:PORT
  std::string ca_file;       // empty: no ca_file key (the system CA store)
  uint32_t max_header_bytes = 16 * 1024;
  uint32_t max_header_count = 40;
  uint64_t max_request_body_bytes = 64 * 1024;
  int64_t header_read_ms = 10'000;
  int64_t idle_keepalive_ms = 60'000;
  int64_t upstream_connect_ms = 5'000;
  int64_t upstream_response_ms = 30'000;
  int64_t drain_ms = 10'000;
  std::map<std::string, std::string> labels;  // labels.<name>: value
  std::vector<std::string> env;               // "COSTGATE_SOURCE_APP=app"
  // false: start without --config, on the embedded defaults; only upstream_url, ca_file, the
  // receipts path and port 0 are set (through COSTGATE_* variables), the rest is ignored.
  bool config_file = true;
  // "central": `costgate central` on <work dir>/central.db; "all": `costgate all`, both roles,
  // central on <work dir>/central.db.
  std::string role = "proxy";
  uint16_t port = 0;                    // the role's listen port (all: the proxy's); 0 = ephemeral
  uint16_t central_port = 0;            // all: central's listen port; 0 = ephemeral
  std::filesystem::path receipts_path;  // empty: <work dir>/receipts.db
  std::string limits_yaml;              // more limits.* lines, each "  key: value\n"
  std::string timeouts_yaml;            // more timeouts.* lines, each "  key: value\n"
  std::string receipts_yaml;            // more receipts.* lines, each "  key: value\n"
  std::string central_yaml;  // more central.* lines (central, all), each "  key: value\n"
  std::string extra_yaml;    // more top-level sections (shipper:, pricing:, ...), verbatim
};

std::string RenderConfigYaml(const DaemonSettings& settings,
                             const std::filesystem::path& receipts_path,
                             const std::filesystem::path& central_db_path = {});

class CostgateProcess {
 public:
  // Writes the config into `work_dir`, starts the daemon there and waits (bounded) until it
  // listens. Throws std::runtime_error with its stderr when it does not come up.
  CostgateProcess(const DaemonSettings& settings, const std::filesystem::path& work_dir);

  uint16_t port() const { return port_; }  // the proxy's, or central's in role central
  uint16_t central_port() const { return central_port_; }  // roles central and all
  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  std::string Log() const { return ReadFileOrEmpty(stderr_path_); }
  // The log lines whose "msg" is exactly `msg`, in order.
  std::vector<std::string> LogLines(std::string_view msg) const;
  // Polls the log until it has more than `seen` lines with this msg, or the timeout passes;
  // returns the first line after those `seen`.
  std::optional<std::string> WaitForLogLine(std::string_view msg, size_t seen,
                                            std::chrono::milliseconds timeout) const;
  // Polls until the access line ("msg":"request") of this event is in the log: access lines are
  // batched by the daemon and may lag the response by up to its flush interval.
  std::optional<std::string> WaitForAccessLine(std::string_view event_id,
                                               std::chrono::milliseconds timeout) const;
  const std::filesystem::path& stderr_path() const { return stderr_path_; }
  // The file the daemon was started with (absent when DaemonSettings::config_file is false).
  const std::filesystem::path& config_path() const { return config_path_; }
  const ReceiptsDb& receipts() const { return receipts_; }
  const std::filesystem::path& central_db_path() const { return central_db_path_; }
  ChildProcess& process() { return *process_; }

 private:
  std::filesystem::path stderr_path_;
  std::filesystem::path config_path_;
  ReceiptsDb receipts_;
  std::filesystem::path central_db_path_;
  std::unique_ptr<ChildProcess> process_;
  uint16_t port_ = 0;
  uint16_t central_port_ = 0;
};

}  // namespace costgate::integration
