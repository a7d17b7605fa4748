#include "daemon/server/process.h"

#include <csignal>
#include <thread>

#include "config/config_loader.h"
#include "daemon/server/config_files.h"
#include "daemon/server/worker.h"
#include "daemon/util/release_memory.h"
#include "pricing/book_loader.h"

namespace costgate::daemon::server {

bool ConfigFilesUsable(const config::Config& config, Role role, std::string_view msg,
                       const log::Logger& logger) {
  bool usable = true;
  for (const config::ConfigError& e : CheckConfigFiles(config, role)) {
    if (OnlyDegradesMetering(e)) {
      logger.Error("configured file unusable; running without it")
          .Str("path", e.path)
          .Str("error", e.message)
          .Emit();
      continue;
    }
    logger.Error(msg).Str("path", e.path).Str("error", e.message).Emit();
    usable = false;
  }
  return usable;
}

std::shared_ptr<const pricing::PriceBook> LoadBook(const config::PricingConfig& pricing,
                                                   log::Logger& logger) {
  pricing::BookLoad load = pricing::LoadPriceBook(pricing);
  for (const std::string& note : load.notes) {
    logger.Info("price book note").Str("note", note).Emit();
  }
  if (!load.errors.empty() || !load.book) {
    for (const std::string& error : load.errors) {
      logger.Error("cannot load the price book").Str("error", error).Emit();
    }
    return nullptr;
  }
  util::ReleaseFreedMemory();
  logger.Info("price book loaded")
      .Str("version", load.book->version())
      .Uint("keys", load.book->key_count())
      .Str("elevenlabs_plan", load.book->options().elevenlabs_plan)
      .Emit();
  return load.book;
}

ServerProcess::ServerProcess(const ServerOptions& options, Role role, Services& services,
                             price_refresh::RefreshStats& refresh_stats)
    : options_(options), role_(role), services_(services), refresh_stats_(refresh_stats) {}

ServerProcess::~ServerProcess() = default;

const config::ListenConfig& ServerProcess::Listen(const config::Config& config) const {
  return role_ == Role::kCentral ? config.central.listen : config.listen;
}

int ServerProcess::Run(std::shared_ptr<const Runtime> runtime) {
  const config::ListenConfig& listen = Listen(*runtime->config);
  const int threads = listen.threads > 0
                          ? listen.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  error_code ec;
  const auto address =
      asio::ip::make_address(listen.address == "localhost" ? "127.0.0.1" : listen.address, ec);
  if (ec) {
    services_.logger.Error("bad listen address").Str("address", listen.address).Emit();
    return 1;
  }
  // Signals are caught from before the "listening" line: a SIGTERM right after it drains.
  asio::signal_set signals(io_, SIGINT, SIGTERM, SIGHUP);
  uint16_t port = listen.port;
  for (int i = 0; i < threads; ++i) {
    workers_.push_back(std::make_unique<Worker>(services_, runtime, slots_));
    std::string error;
    port = workers_.back()->Listen(tcp::endpoint(address, port), error);
    if (port == 0) {
      services_.logger.Error("cannot listen").Str("error", error).Emit();
      return 1;
    }
  }
  for (auto& w : workers_) {
    w->Start();
  }
  services_.logger.Info("listening")
      .Str("address", address.to_string())
      .Int("port", port)
      .Int("threads", threads)
      .Str("version", services_.version)
      .Str("role", role_ == Role::kCentral ? "central" : "proxy")
      .Emit();
  generation_ = runtime->generation;
  current_ = std::move(runtime);
  StartRefresher(current_->config->pricing);

  WaitForSignal(signals);
  io_.run();
  refresher_.reset();  // interrupts a wait or a download; joins at once
  for (auto& w : workers_) {
    w->Join();
  }
  return 0;
}

void ServerProcess::StartRefresher(const config::PricingConfig& pricing) {
  refresher_.reset();
  if (!pricing.refresh.url.empty()) {
    refresher_ = std::make_unique<price_refresh::PriceRefresher>(pricing, services_.prices,
                                                                 refresh_stats_, services_.logger);
  }
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
        .Int("drain_ms", current_->config->timeouts.drain.count())
        .Emit();
    for (auto& w : workers_) {
      w->PostBeginDrain();
    }
    drain_deadline_ = Clock::now() + current_->config->timeouts.drain;
    signals.cancel();
    PollDrain();
  });
}

size_t ServerProcess::OpenConnections() const {
  size_t n = 0;
  for (const auto& w : workers_) {
    n += w->connection_count();
  }
  return n;
}

void ServerProcess::PollDrain() {
  const size_t open = OpenConnections();
  const Clock::time_point now = Clock::now();
  if (open == 0 || now >= drain_deadline_ + std::chrono::seconds(2)) {
    for (auto& w : workers_) {
      w->PostStop();
    }
    return;
  }
  if (now >= drain_deadline_ && !forced_) {
    forced_ = true;
    services_.logger.Warn("drain timeout, closing connections").Uint("open", open).Emit();
    for (auto& w : workers_) {
      w->PostForceClose();
    }
  }
  drain_timer_.expires_after(std::chrono::milliseconds(10));
  drain_timer_.async_wait([this](const error_code& ec) {
    if (!ec) {
      PollDrain();
    }
  });
}

void ServerProcess::Reload() {
  if (options_.config_path.empty()) {
    services_.logger.Warn("SIGHUP ignored: running on embedded defaults, no file to reload").Emit();
    return;
  }
  constexpr std::string_view kRejected = "reload rejected, keeping the running configuration";
  auto loaded = config::LoadConfigFile(options_.config_path, config::CurrentEnvironment());
  for (const auto& e : loaded.errors) {
    services_.logger.Error(kRejected).Str("path", e.path).Str("error", e.message).Emit();
  }
  // Checked beside the YAML errors (on what was read), so one reload reports every problem.
  const bool files_usable = ConfigFilesUsable(loaded.as_read, role_, kRejected, services_.logger);
  if (!loaded.config || !files_usable) {
    return;
  }
  const config::Config& old = *current_->config;
  const config::Config& next = *loaded.config;
  if (Listen(next) != Listen(old) || next.receipts.path != old.receipts.path ||
      next.receipts.synchronous != old.receipts.synchronous ||
      next.central.store != old.central.store || next.shipper != old.shipper) {
    services_.logger
        .Warn(
            "listen, receipts.path/synchronous, shipper and central.store (central.database) "
            "change only on restart")
        .Emit();
  }
  std::shared_ptr<const pricing::PriceBook> book;
  if (next.pricing != old.pricing) {
    book = LoadBook(next.pricing, services_.logger);
    if (!book) {
      services_.logger.Error(kRejected).Emit();
      return;
    }
  }
  std::string error;
  auto runtime = Runtime::Build(std::make_shared<const config::Config>(next), services_,
                                generation_ + 1, error);
  if (!runtime) {
    services_.logger.Error(kRejected).Str("error", error).Emit();
    return;
  }
  generation_ = runtime->generation;
  if (book) {
    refresher_.reset();  // the old configuration's refresher must not publish after this book
    services_.prices.Publish(std::move(book));
    StartRefresher(next.pricing);
  }
  services_.logger.SetLevel(next.log.level);
  for (auto& w : workers_) {
    w->PostRuntime(runtime);
  }
  current_ = std::move(runtime);
  services_.logger.Info("configuration reloaded").Uint("generation", generation_).Emit();
}

}  // namespace costgate::daemon::server
