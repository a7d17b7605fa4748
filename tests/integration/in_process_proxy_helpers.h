// The proxy role served in this test process (not a child process), for tests that hand it
// something only code can: a BudgetGate (ProxyRole::SetBudgetGate, the injection point the
// daemon's own gates use too). One worker thread on 127.0.0.1, an ephemeral port, its own work
// dir (config, log, receipts database); configured as the child daemons are (RenderConfigYaml).
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "daemon/roles/proxy_role.h"
#include "daemon/server/connection_slots.h"
#include "daemon/server/services.h"
#include "daemon/server/worker.h"
#include "filters/preflight/budget_gate.h"
#include "pricing/book_holder.h"
#include "tests/integration/costgate_process_helpers.h"

namespace costgate::integration {

class InProcessProxy {
 public:
  // `gate` (nullable) outlives the proxy. Throws std::runtime_error when it cannot start.
  InProcessProxy(const DaemonSettings& settings, filters::preflight::BudgetGate* gate);
  // Stops the worker: requests still in flight are cut (completion runs, as on a daemon stop).
  ~InProcessProxy();
  InProcessProxy(const InProcessProxy&) = delete;
  InProcessProxy& operator=(const InProcessProxy&) = delete;

  uint16_t port() const { return port_; }
  std::string Url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  const ReceiptsDb& receipts() const { return receipts_; }
  std::string Log() const { return ReadFileOrEmpty(dir_.path() / "proxy.log"); }
  // Stops serving now (the destructor's work, for a test that checks what a stop does).
  void Stop();

 private:
  TempDir dir_;
  ReceiptsDb receipts_;
  std::FILE* log_file_ = nullptr;
  std::unique_ptr<daemon::log::Logger> logger_;
  daemon::metrics::ProxyMetrics metrics_{"test"};
  std::unique_ptr<pricing::PriceBookHolder> prices_;
  std::unique_ptr<daemon::roles::ProxyRole> role_;
  std::unique_ptr<daemon::server::Services> services_;
  daemon::server::ConnectionSlots slots_;
  std::unique_ptr<daemon::server::Worker> worker_;
  uint16_t port_ = 0;
};

}  // namespace costgate::integration
