// The serving process, whatever it serves: one listener per site (proxy, central, or both for
// `costgate all`), each with its workers; signals, graceful drain (SIGTERM/SIGINT) and
// configuration reload (SIGHUP), each told to systemd when it started the process (a
// Type=notify unit: READY=1, RELOADING=1, STOPPING=1, WATCHDOG=1). What the roles share beyond the
// core (the price book and its refresh, the files a configuration names) comes in through
// ProcessHooks.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "daemon/asio.h"
#include "daemon/server/connection_slots.h"
#include "daemon/server/services.h"
#include "daemon/server/site.h"
#include "daemon/server/systemd_notify.h"

namespace costgate::daemon::server {

class Worker;

// The roles' part in start and reload, called on the process's main thread.
class ProcessHooks {
 public:
  virtual ~ProcessHooks() = default;
  // Checks a reloaded configuration as read (the files it names); logs each problem as `msg`
  // with its YAML path. False: the reload is rejected.
  virtual bool Usable(const config::Config& as_read, std::string_view msg) = 0;
  // Prepares the process-wide state of `next` (a new price book when pricing changed). False:
  // rejected (logged).
  virtual bool Prepare(const config::Config& current, const config::Config& next) = 0;
  // Makes what Prepare prepared current: every site has prepared `next` too.
  virtual void Commit(const config::Config& next) = 0;
  // After the listeners listen (the scheduled price refresh starts), and before the workers
  // are joined at the end (it stops).
  virtual void Start(const config::Config& config) = 0;
  virtual void Stop() = 0;
};

struct ProcessOptions {
  std::string config_path;  // empty: embedded defaults, SIGHUP reloads nothing
};

class ServerProcess {
 public:
  // Everything passed in outlives the process. Every site has prepared generation 1 of the
  // configuration Run is given.
  ServerProcess(ProcessOptions options, Services& services, std::vector<Site*> sites,
                ProcessHooks& hooks);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Listens on every site's address, serves until a stop signal, drains and joins the workers.
  // Returns 0, or 1 when listening failed (logged).
  int Run(std::shared_ptr<const config::Config> config);

 private:
  using Clock = std::chrono::steady_clock;

  struct Listener {
    Site* site;
    ConnectionSlots slots;  // before workers: their connections give slots back as they go
    std::vector<std::unique_ptr<Worker>> workers;
  };

  bool Listen(Listener& listener);
  void WaitForSignal(asio::signal_set& signals);
  size_t OpenConnections() const;
  template <typename Fn>
  void ForEachWorker(Fn fn);
  // In-flight requests finish on their own; past the drain deadline they are cut (their
  // receipts say "interrupted"), and a short grace lets those completions run before the loops
  // stop.
  void PollDrain();
  // RELOADING=1, then the reload, then READY=1 whatever came of it: a rejected reload leaves
  // the running configuration serving.
  void Reload();
  bool ApplyReload();  // true: the new configuration is current
  // Sends WATCHDOG=1 every half WatchdogSec while every worker's loop answers its heartbeat,
  // until the drain ends.
  void PingServiceManager();

  ProcessOptions options_;
  Services& services_;
  ProcessHooks& hooks_;
  asio::io_context io_{1};
  asio::steady_timer drain_timer_{io_};
  SystemdNotifier notifier_ = SystemdNotifier::FromEnvironment();
  asio::steady_timer watchdog_ping_timer_{io_};
  uint64_t heartbeat_round_ = 0;
  bool pings_stopped_ = false;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::shared_ptr<const config::Config> current_;
  uint64_t generation_ = 1;
  Clock::time_point drain_deadline_{};
  bool forced_ = false;
};

}  // namespace costgate::daemon::server
