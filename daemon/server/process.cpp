#include "daemon/server/process.h"

#include <csignal>
#include <thread>

#include "config/config_loader.h"
#include "daemon/server/worker.h"

namespace costgate::daemon::server {

ServerProcess::ServerProcess(ProcessOptions options, Services& services, std::vector<Site*> sites,
                             ProcessHooks& hooks)
    : options_(std::move(options)), services_(services), hooks_(hooks) {
  for (Site* site : sites) {
    listeners_.push_back(std::make_unique<Listener>());
    listeners_.back()->site = site;
  }
}

ServerProcess::~ServerProcess() = default;

template <typename Fn>
void ServerProcess::ForEachWorker(Fn fn) {
  for (auto& listener : listeners_) {
    for (auto& w : listener->workers) {
      fn(*w);
    }
  }
}

bool ServerProcess::Listen(Listener& listener) {
  const config::ListenConfig& listen = listener.site->Listen(*current_);
  const int threads = listen.threads > 0
                          ? listen.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  error_code ec;
  const auto address =
      asio::ip::make_address(listen.address == "localhost" ? "127.0.0.1" : listen.address, ec);
  if (ec) {
    services_.logger.Error("bad listen address").Str("address", listen.address).Emit();
    return false;
  }
  uint16_t port = listen.port;
  for (int i = 0; i < threads; ++i) {
    listener.workers.push_back(
        std::make_unique<Worker>(services_, current_, listener.site->NewHandler(), listener.slots));
    std::string error;
    port = listener.workers.back()->Listen(tcp::endpoint(address, port), error);
    if (port == 0) {
      services_.logger.Error("cannot listen").Str("error", error).Emit();
      return false;
    }
  }
  services_.logger.Info("listening")
      .Str("address", address.to_string())
      .Int("port", port)
      .Int("threads", threads)
      .Str("version", services_.version)
      .Str("role", listener.site->Name())
      .Emit();
  return true;
}

int ServerProcess::Run(std::shared_ptr<const config::Config> config) {
  current_ = std::move(config);
  // Signals are caught from before the "listening" line: a SIGTERM right after it drains.
  asio::signal_set signals(io_, SIGINT, SIGTERM, SIGHUP);
  bool listening = true;
  for (auto& listener : listeners_) {
    listening = listening && Listen(*listener);
  }
  if (!listening) {
    return 1;  // workers never started: nothing to join
  }
  ForEachWorker([](Worker& w) { w.Start(); });
  hooks_.Start(*current_);
  // Every listener is bound and its workers run: systemd may start what is ordered after us.
  notifier_.Send("READY=1\nSTATUS=serving");
  if (notifier_.enabled()) {
    services_.logger.Info("service manager notified")
        .Int("watchdog_ping_ms",
             std::chrono::duration_cast<std::chrono::milliseconds>(notifier_.watchdog_interval())
                 .count())
        .Emit();
  }
  if (notifier_.watchdog_interval().count() > 0) {
    PingServiceManager();
  }

  WaitForSignal(signals);
  io_.run();
  hooks_.Stop();
  ForEachWorker([](Worker& w) { w.Join(); });
  return 0;
}

void ServerProcess::WaitForSignal(asio::signal_set& signals) {
  signals.async_wait([this, &signals](const error_code& ec, int signal) {
    if (ec) {
      return;
    }
    if (signal == SIGHUP) {
      Reload();
      WaitForSignal(signals);
      return;
    }
    services_.logger.Info("draining")
        .Str("signal", signal == SIGTERM ? "SIGTERM" : "SIGINT")
        .Int("drain_ms", current_->timeouts.drain.count())
        .Emit();
    notifier_.Send("STOPPING=1\nSTATUS=draining");
    ForEachWorker([](Worker& w) { w.PostBeginDrain(); });
    drain_deadline_ = Clock::now() + current_->timeouts.drain;
    signals.cancel();
    PollDrain();
  });
}

size_t ServerProcess::OpenConnections() const {
  size_t n = 0;
  for (const auto& listener : listeners_) {
    for (const auto& w : listener->workers) {
      n += w->connection_count();
    }
  }
  return n;
}

void ServerProcess::PollDrain() {
  const size_t open = OpenConnections();
  const Clock::time_point now = Clock::now();
  if (open == 0 || now >= drain_deadline_ + std::chrono::seconds(2)) {
    ForEachWorker([](Worker& w) { w.PostStop(); });
    // The loops are ending and will answer no heartbeat; the timer must not keep io_ running.
    pings_stopped_ = true;
    watchdog_ping_timer_.cancel();
    return;
  }
  if (now >= drain_deadline_ && !forced_) {
    forced_ = true;
    services_.logger.Warn("drain timeout, closing connections").Uint("open", open).Emit();
    ForEachWorker([](Worker& w) { w.PostForceClose(); });
  }
  drain_timer_.expires_after(std::chrono::milliseconds(10));
  drain_timer_.async_wait([this](const error_code& ec) {
    if (!ec) {
      PollDrain();
    }
  });
}

void ServerProcess::PingServiceManager() {
  if (pings_stopped_) {
    return;
  }
  bool all_answered = true;
  ForEachWorker(
      [&](const Worker& w) { all_answered = all_answered && w.heartbeat() == heartbeat_round_; });
  // Pinging from this loop alone would keep a unit with a wedged worker "alive"; withholding
  // the ping lets systemd restart it (Restart=on-failure) after WatchdogSec.
  if (all_answered) {
    notifier_.Send("WATCHDOG=1");
    ++heartbeat_round_;
    ForEachWorker([this](Worker& w) { w.PostHeartbeat(heartbeat_round_); });
  }
  watchdog_ping_timer_.expires_after(notifier_.watchdog_interval());
  watchdog_ping_timer_.async_wait([this](const error_code& ec) {
    if (!ec) {
      PingServiceManager();
    }
  });
}

void ServerProcess::Reload() {
  notifier_.Send(ReloadingMessage());
  const bool reloaded = ApplyReload();
  notifier_.Send(reloaded ? "READY=1\nSTATUS=serving, configuration reloaded"
                          : "READY=1\nSTATUS=serving, reload rejected");
}

bool ServerProcess::ApplyReload() {
  if (options_.config_path.empty()) {
    services_.logger.Warn("SIGHUP ignored: running on embedded defaults, no file to reload").Emit();
    return false;
  }
  constexpr std::string_view kRejected = "reload rejected, keeping the running configuration";
  auto loaded = config::LoadConfigFile(options_.config_path, config::CurrentEnvironment());
  for (const auto& e : loaded.errors) {
    services_.logger.Error(kRejected).Str("path", e.path).Str("error", e.message).Emit();
  }
  // Checked beside the YAML errors (on what was read), so one reload reports every problem.
  const bool files_usable = hooks_.Usable(loaded.as_read, kRejected);
  if (!loaded.config || !files_usable) {
    return false;
  }
  auto next = std::make_shared<const config::Config>(std::move(*loaded.config));
  if (!hooks_.Prepare(*current_, *next)) {
    services_.logger.Error(kRejected).Emit();
    return false;
  }
  std::vector<Site::Adopt> adopts;
  for (const auto& listener : listeners_) {
    std::string error;
    std::optional<Site::Adopt> adopt = listener->site->Prepare(next, generation_ + 1, error);
    if (!adopt) {
      services_.logger.Error(kRejected).Str("error", error).Emit();
      return false;
    }
    adopts.push_back(std::move(*adopt));
  }
  ++generation_;
  hooks_.Commit(*next);
  services_.logger.SetLevel(next->log.level);
  for (size_t i = 0; i < listeners_.size(); ++i) {
    for (auto& w : listeners_[i]->workers) {
      w->PostReload(next, adopts[i]);
    }
  }
  current_ = std::move(next);
  services_.logger.Info("configuration reloaded").Uint("generation", generation_).Emit();
  return true;
}

}  // namespace costgate::daemon::server
