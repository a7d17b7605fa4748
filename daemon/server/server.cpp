#include "daemon/server/server.h"

#include <csignal>
#include <thread>
#include <vector>

#include "config/config_loader.h"
#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "daemon/outbox/receipt_writer.h"
#include "daemon/pricing/price_metrics.h"
#include "daemon/pricing/price_refresher.h"
#include "daemon/server/filter_metrics.h"
#include "daemon/server/runtime.h"
#include "daemon/server/services.h"
#include "daemon/server/worker.h"
#include "daemon/util/hostname.h"
#include "daemon/util/release_memory.h"
#include "filters/filter_stats.h"
#include "pricing/book_loader.h"

namespace costgate::daemon::server {

namespace {

// The price book for `pricing`, logged; null (errors logged) when a source is invalid.
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

using Clock = std::chrono::steady_clock;

class Process {
 public:
  Process(const ServerOptions& options, Services& services, outbox::ReceiptWriter& writer,
          price_refresh::RefreshStats& refresh_stats)
      : options_(options), services_(services), writer_(writer), refresh_stats_(refresh_stats) {}

  int Run(std::shared_ptr<const Runtime> runtime) {
    const config::Config& config = *runtime->config;
    const int threads = config.listen.threads > 0
                            ? config.listen.threads
                            : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    error_code ec;
    const auto address = asio::ip::make_address(
        config.listen.address == "localhost" ? "127.0.0.1" : config.listen.address, ec);
    if (ec) {
      services_.logger.Error("bad listen address").Str("address", config.listen.address).Emit();
      return 1;
    }
    // Signals are caught from before the "listening" line: a SIGTERM right after it drains.
    asio::signal_set signals(io_, SIGINT, SIGTERM, SIGHUP);
    uint16_t port = config.listen.port;
    for (int i = 0; i < threads; ++i) {
      workers_.push_back(std::make_unique<Worker>(services_, runtime));
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
    writer_.Stop();
    services_.logger.Info("stopped")
        .Uint("receipts_written", writer_.stats().written.load())
        .Uint("receipts_dropped", writer_.stats().dropped.load())
        .Emit();
    return 0;
  }

 private:
  // (Re)starts the scheduled price refresh for `pricing`; none when pricing.refresh.url is empty.
  void StartRefresher(const config::PricingConfig& pricing) {
    refresher_.reset();
    if (!pricing.refresh.url.empty()) {
      refresher_ = std::make_unique<price_refresh::PriceRefresher>(
          pricing, services_.prices, refresh_stats_, services_.logger);
    }
  }

  void WaitForSignal(asio::signal_set& signals) {
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

  size_t OpenConnections() const {
    size_t n = 0;
    for (const auto& w : workers_) {
      n += w->connection_count();
    }
    return n;
  }

  // In-flight requests finish on their own; past the drain deadline they are cut (their
  // receipts say "interrupted"), and a short grace lets those completions run before the loops
  // stop.
  void PollDrain() {
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

  void Reload() {
    if (options_.config_path.empty()) {
      services_.logger.Warn("SIGHUP ignored: running on embedded defaults, no file to reload")
          .Emit();
      return;
    }
    auto loaded = config::LoadConfigFile(options_.config_path, config::CurrentEnvironment());
    if (!loaded.config) {
      for (const auto& e : loaded.errors) {
        services_.logger.Error("reload rejected, keeping the running configuration")
            .Str("path", e.path)
            .Str("error", e.message)
            .Emit();
      }
      return;
    }
    const config::Config& old = *current_->config;
    const config::Config& next = *loaded.config;
    if (next.listen.address != old.listen.address || next.listen.port != old.listen.port ||
        next.listen.threads != old.listen.threads || next.receipts.path != old.receipts.path ||
        next.receipts.synchronous != old.receipts.synchronous) {
      services_.logger.Warn("listen.* and receipts.path/synchronous change only on restart").Emit();
    }
    std::shared_ptr<const pricing::PriceBook> book;
    if (next.pricing != old.pricing) {
      book = LoadBook(next.pricing, services_.logger);
      if (!book) {
        services_.logger.Error("reload rejected, keeping the running configuration").Emit();
        return;
      }
    }
    std::string error;
    auto runtime = Runtime::Build(std::make_shared<const config::Config>(next), services_,
                                  generation_ + 1, error);
    if (!runtime) {
      services_.logger.Error("reload rejected, keeping the running configuration")
          .Str("error", error)
          .Emit();
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

  const ServerOptions& options_;
  Services& services_;
  outbox::ReceiptWriter& writer_;
  price_refresh::RefreshStats& refresh_stats_;
  std::unique_ptr<price_refresh::PriceRefresher> refresher_;
  asio::io_context io_{1};
  asio::steady_timer drain_timer_{io_};
  std::vector<std::unique_ptr<Worker>> workers_;
  std::shared_ptr<const Runtime> current_;
  uint64_t generation_ = 0;
  Clock::time_point drain_deadline_{};
  bool forced_ = false;
};

}  // namespace

int RunProxy(const ServerOptions& options) {
  std::signal(SIGPIPE, SIG_IGN);
  log::Logger& logger = log::Default();
  logger.SetLevel(options.config.log.level);

  outbox::ReceiptWriter writer(logger);
  if (auto error = writer.Open(options.config.receipts)) {
    // Metering degrades, the app does not: calls are forwarded and their receipts wait in
    // memory while the writer keeps retrying.
    logger.Error("cannot open the receipts database; forwarding anyway, receipts wait in memory")
        .Str("path", options.config.receipts.path)
        .Str("error", *error)
        .Emit();
  }
  std::shared_ptr<const pricing::PriceBook> book = LoadBook(options.config.pricing, logger);
  if (!book) {
    writer.Stop();
    return 1;
  }
  pricing::PriceBookHolder prices(std::move(book));
  price_refresh::RefreshStats refresh_stats;
  metrics::ProxyMetrics metrics(COSTGATE_VERSION);
  metrics.AttachReceiptStats(&writer.stats());
  filters::FilterStats filter_stats;
  Services services{logger, metrics,          writer,          filter_stats,
                    prices, util::Hostname(), COSTGATE_VERSION};
  RegisterFilterStats(metrics, filter_stats);
  price_refresh::RegisterPriceMetrics(metrics, prices, refresh_stats);

  std::string error;
  auto runtime =
      Runtime::Build(std::make_shared<const config::Config>(options.config), services, 1, error);
  if (!runtime) {
    logger.Error("cannot start").Str("error", error).Emit();
    writer.Stop();
    return 1;
  }
  Process process(options, services, writer, refresh_stats);
  const int code = process.Run(std::move(runtime));
  metrics.AttachReceiptStats(nullptr);
  return code;
}

}  // namespace costgate::daemon::server
