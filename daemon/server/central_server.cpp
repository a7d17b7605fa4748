#include <csignal>
#include <variant>

#include "central/api/api.h"
#include "central/api/static_files.h"
#include "central/store/sqlite_store.h"
#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "daemon/pricing/price_metrics.h"
#include "daemon/pricing/price_refresher.h"
#include "daemon/server/api_service.h"
#include "daemon/server/process.h"
#include "daemon/server/server.h"
#include "daemon/server/services.h"
#include "daemon/util/hostname.h"
#include "filters/filter_stats.h"

namespace costgate::daemon::server {
namespace {

void RegisterBodyBudgetMetrics(metrics::ProxyMetrics& metrics, const BodyBudget& budget) {
  metrics.registry().AddCallback(
      metrics::MetricType::kGauge, "costgate_central_body_bytes_buffered",
      "Request-body bytes central holds in memory now (as received and gzip-decoded), out of "
      "central.max_buffered_body_bytes.",
      [&budget] { return static_cast<double>(budget.buffered()); });
  metrics.registry().AddCallback(metrics::MetricType::kCounter,
                                 "costgate_central_overload_refusals_total",
                                 "Requests answered 503 overloaded because their body did not fit "
                                 "central.max_buffered_body_bytes.",
                                 [&budget] { return static_cast<double>(budget.refusals()); });
}

}  // namespace

int RunCentral(const ServerOptions& options) {
  std::signal(SIGPIPE, SIG_IGN);
  log::Logger& logger = log::Default();
  logger.SetLevel(options.config.log.level);
  const config::CentralConfig& settings = options.config.central;
  if (!ConfigFilesUsable(options.config, Role::kCentral, "cannot start", logger)) {
    return 1;
  }

  // Unlike the proxy's outbox, central without its store has nothing to offer: refuse to start.
  auto opened = central::SqliteStore::Open(settings.database, settings.synchronous);
  if (auto* error = std::get_if<central::StoreError>(&opened)) {
    logger.Error("cannot open the central database")
        .Str("path", settings.database)
        .Str("error", error->message)
        .Emit();
    return 1;
  }
  std::unique_ptr<central::SqliteStore> store =
      std::move(std::get<std::unique_ptr<central::SqliteStore>>(opened));
  std::shared_ptr<const pricing::PriceBook> book = LoadBook(options.config.pricing, logger);
  if (!book) {
    return 1;
  }
  pricing::PriceBookHolder prices(std::move(book));
  std::unique_ptr<central::StaticFiles> static_files;
  if (!settings.static_dir.empty()) {
    auto opened_files = central::StaticFiles::Open(settings.static_dir);
    if (auto* error = std::get_if<std::string>(&opened_files)) {
      logger.Error("cannot start").Str("error", *error).Emit();
      return 1;
    }
    static_files = std::move(std::get<std::unique_ptr<central::StaticFiles>>(opened_files));
  }
  central::Api api(*store, prices, central::ApiLimits{settings.max_batch_events},
                   static_files.get());
  ApiService api_service(api, ApiLimits{settings.max_body_bytes, settings.max_buffered_body_bytes});
  price_refresh::RefreshStats refresh_stats;
  metrics::ProxyMetrics metrics(COSTGATE_VERSION);
  filters::FilterStats filter_stats;
  Services services{logger, metrics,          nullptr,          filter_stats,
                    prices, util::Hostname(), COSTGATE_VERSION, &api_service};
  price_refresh::RegisterPriceMetrics(metrics, prices, refresh_stats);
  RegisterBodyBudgetMetrics(metrics, api_service.body_budget());
  logger.Info("central database open").Str("path", settings.database).Emit();

  std::string error;
  auto runtime =
      Runtime::Build(std::make_shared<const config::Config>(options.config), services, 1, error);
  if (!runtime) {
    logger.Error("cannot start").Str("error", error).Emit();
    return 1;
  }
  ServerProcess process(options, Role::kCentral, services, refresh_stats);
  const int code = process.Run(std::move(runtime));
  if (code == 0) {
    logger.Info("stopped").Emit();
  }
  return code;
}

}  // namespace costgate::daemon::server
