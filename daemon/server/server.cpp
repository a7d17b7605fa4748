#include "daemon/server/server.h"

#include <csignal>

#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "daemon/outbox/receipt_writer.h"
#include "daemon/pricing/price_metrics.h"
#include "daemon/pricing/price_refresher.h"
#include "daemon/server/filter_metrics.h"
#include "daemon/server/process.h"
#include "daemon/server/runtime.h"
#include "daemon/server/services.h"
#include "daemon/shipper/shipper.h"
#include "daemon/util/hostname.h"
#include "filters/filter_stats.h"

namespace costgate::daemon::server {

int RunProxy(const ServerOptions& options) {
  std::signal(SIGPIPE, SIG_IGN);
  log::Logger& logger = log::Default();
  logger.SetLevel(options.config.log.level);
  // Before anything is opened: a file that cannot be used is named now, with its YAML path, and
  // never becomes a TLS error on the first call.
  if (!ConfigFilesUsable(options.config, Role::kProxy, "cannot start", logger)) {
    return 1;
  }

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
  Services services{logger, metrics,          &writer,         filter_stats,
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
  shipper::Shipper shipper(options.config.shipper, writer, logger);
  metrics.AttachShipperStats(&shipper.stats());
  shipper.Start();
  ServerProcess process(options, Role::kProxy, services, refresh_stats);
  const int code = process.Run(std::move(runtime));
  shipper.Stop();  // before the writer it asks for batches
  writer.Stop();
  if (code == 0) {
    logger.Info("stopped")
        .Uint("receipts_written", writer.stats().written.load())
        .Uint("receipts_dropped", writer.stats().dropped.load())
        .Emit();
  }
  metrics.AttachShipperStats(nullptr);
  metrics.AttachReceiptStats(nullptr);
  return code;
}

}  // namespace costgate::daemon::server
