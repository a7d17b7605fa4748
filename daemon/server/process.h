// The serving process shared by both roles: workers on the listen address, signals, graceful
// drain (SIGTERM/SIGINT) and configuration reload (SIGHUP), the scheduled price refresh.
#pragma once

#include <memory>
#include <vector>

#include "daemon/asio.h"
#include "daemon/log/logger.h"
#include "daemon/pricing/price_refresher.h"
#include "daemon/server/connection_slots.h"
#include "daemon/server/role.h"
#include "daemon/server/runtime.h"
#include "daemon/server/server.h"
#include "daemon/server/services.h"
#include "pricing/price_book.h"

namespace costgate::daemon::server {

class Worker;

// True when `role` can use every file `config` names (config_files.h); otherwise false, with each
// problem logged at error as `msg` with its YAML "path" and the "error".
bool ConfigFilesUsable(const config::Config& config, Role role, std::string_view msg,
                       const log::Logger& logger);

// The price book for `pricing`, logged; null (errors logged) when a source is invalid.
std::shared_ptr<const pricing::PriceBook> LoadBook(const config::PricingConfig& pricing,
                                                   log::Logger& logger);

class ServerProcess {
 public:
  ServerProcess(const ServerOptions& options, Role role, Services& services,
                price_refresh::RefreshStats& refresh_stats);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Listens (proxy: listen.*, central: central.listen.*), serves until a stop signal, drains and
  // joins the workers. Returns 0, or 1 when listening failed (logged).
  int Run(std::shared_ptr<const Runtime> runtime);

 private:
  using Clock = std::chrono::steady_clock;

  const config::ListenConfig& Listen(const config::Config& config) const;
  // (Re)starts the scheduled price refresh for `pricing`; none when pricing.refresh.url is empty.
  void StartRefresher(const config::PricingConfig& pricing);
  void WaitForSignal(asio::signal_set& signals);
  size_t OpenConnections() const;
  // In-flight requests finish on their own; past the drain deadline they are cut (their
  // receipts say "interrupted"), and a short grace lets those completions run before the loops
  // stop.
  void PollDrain();
  void Reload();

  const ServerOptions& options_;
  Role role_;
  Services& services_;
  price_refresh::RefreshStats& refresh_stats_;
  std::unique_ptr<price_refresh::PriceRefresher> refresher_;
  asio::io_context io_{1};
  asio::steady_timer drain_timer_{io_};
  ConnectionSlots slots_;  // before workers_: their connections give slots back as they go
  std::vector<std::unique_ptr<Worker>> workers_;
  std::shared_ptr<const Runtime> current_;
  uint64_t generation_ = 0;
  Clock::time_point drain_deadline_{};
  bool forced_ = false;
};

}  // namespace costgate::daemon::server
