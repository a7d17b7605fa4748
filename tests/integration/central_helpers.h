// costgate central under test, its API keys and its events database; and a fault relay
// (fault_relay/fault_relay.py) to put between a shipper and central.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/costgate_process_helpers.h"
#include "tests/integration/http_client_helpers.h"
#include "tests/integration/process_helpers.h"
#include "tests/integration/receipts_helpers.h"

namespace costgate::integration {

// A loopback port nobody listens on right now (bound to 0, read back, closed): for a server
// that must come back on the same port after a restart.
uint16_t FreeLoopbackPort();

class CentralUnderTest {
 public:
  // Starts `costgate central` on `port` (0: ephemeral) with its own work dir; `central_yaml`
  // adds central.* settings ("  max_body_bytes: 1024\n"); `adjust`, when set, changes the rest
  // of the settings (timeouts, limits; role "all" for `costgate all`, whose process() then
  // also proxies) before the start.
  explicit CentralUnderTest(uint16_t port = 0, std::string central_yaml = {},
                            std::function<void(DaemonSettings&)> adjust = {});

  void Stop();   // SIGTERM and wait
  void Start();  // again, on the same port and database
  bool running() const { return process_ != nullptr; }

  uint16_t port() const { return port_; }
  std::string Url(std::string_view path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  const std::filesystem::path& dir() const { return dir_.path(); }
  std::filesystem::path config_path() const { return dir_.path() / "costgate.yaml"; }
  CostgateProcess& process() { return *process_; }

  // `costgate keys create` against this central's database; returns the secret.
  std::string CreateKey(const std::string& name, const std::string& source_app,
                        const std::string& scopes = "all", const std::string& workspace = "");

  // Rows of the events table (read-only connection per call).
  std::vector<ReceiptRow> Events(const std::string& where = "1 = 1",
                                 const std::vector<std::string>& params = {}) const;
  int64_t CountEvents() const;
  // Polls until at least `count` events are stored or `timeout` passes; returns the count.
  int64_t WaitForEventCount(int64_t count, std::chrono::milliseconds timeout) const;

 private:
  TempDir dir_;
  uint16_t port_;
  std::string central_yaml_;
  std::function<void(DaemonSettings&)> adjust_;
  std::unique_ptr<CostgateProcess> process_;
};

// Shipper settings (a `shipper:` section) sending to `url` with `key`, tuned for tests: small
// batch age and backoff so retries happen within a test's time bound.
std::string ShipperYaml(const std::string& url, const std::string& key, int batch_max = 100);

class FaultRelay {
 public:
  // mode: "pass", "fail-every-other", "drop-every-other" (see fault_relay.py).
  FaultRelay(uint16_t target_port, const std::string& mode);

  uint16_t port() const { return port_; }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // GET /__relay/stats: the counter `name` (requests, relayed, failed, dropped).
  int64_t Stat(const std::string& name) const;

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  uint16_t port_ = 0;
};

}  // namespace costgate::integration
