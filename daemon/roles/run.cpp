#include "daemon/roles/run.h"

#include <csignal>
#include <memory>
#include <vector>

#include "base/clock.h"
#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "daemon/pricing/price_metrics.h"
#include "daemon/pricing/price_refresher.h"
#include "daemon/roles/central_role.h"
#include "daemon/roles/in_process_budget.h"
#include "daemon/roles/in_process_call.h"
#include "daemon/roles/in_process_shipping.h"
#include "daemon/roles/proxy_role.h"
#include "daemon/roles/role_hooks.h"
#include "daemon/server/process.h"
#include "daemon/server/services.h"

namespace costgate::daemon::roles {
namespace {

// What every serving command does first. False: the process cannot start (logged).
bool Begin(const ServerOptions& options, Role role, log::Logger& logger) {
  std::signal(SIGPIPE, SIG_IGN);
  logger.SetLevel(options.config.log.level);
  // Before anything is opened: a file that cannot be used is named now, with its YAML path, and
  // never becomes a TLS error on the first call.
  return ConfigFilesUsable(options.config, role, "cannot start", logger);
}

// The process-wide pieces around the roles: the price book, its refresh and /metrics.
struct Shared {
  // `book`: the one loaded at start from `config_path`'s pricing settings.
  Shared(std::shared_ptr<const pricing::PriceBook> book, const std::string& config_path)
      : prices(std::move(book)), metrics(COSTGATE_VERSION) {
    price_refresh::RegisterPriceMetrics(metrics, prices, refresh_stats);
    prices.load_log().Note({.at_unix_ms = base::NowUnixMs(),
                            .source = "start",
                            .from = config_path,
                            .result = "ok",
                            .error = "",
                            .version = prices.Share()->version()});
  }

  pricing::PriceBookHolder prices;
  price_refresh::RefreshStats refresh_stats;
  metrics::ProxyMetrics metrics;
};

int Serve(const ServerOptions& options, Role role, Shared& shared,
          const std::shared_ptr<const config::Config>& config, std::vector<server::Site*> sites) {
  log::Logger& logger = log::Default();
  server::Services services{logger, shared.metrics, COSTGATE_VERSION};
  RoleHooks hooks(role, shared.prices, shared.refresh_stats, logger);
  server::ServerProcess process({options.config_path}, services, std::move(sites), hooks);
  return process.Run(config);
}

void LogStopped(const ProxyRole& proxy, log::Logger& logger) {
  logger.Info("stopped")
      .Uint("receipts_written", proxy.writer().stats().written.load())
      .Uint("receipts_dropped", proxy.writer().stats().dropped.load())
      .Emit();
}

// `costgate central`, and with the proxy beside it (`role` kAll), `costgate all`.
int RunCentralWithin(const ServerOptions& options, Role role) {
  log::Logger& logger = log::Default();
  if (!Begin(options, role, logger)) {
    return 1;
  }
  auto config = std::make_shared<const config::Config>(options.config);
  CentralRole central(logger);
  if (!central.OpenStore(config->central)) {
    return 1;
  }
  std::shared_ptr<const pricing::PriceBook> book = LoadBook(config->pricing, logger);
  if (!book) {
    return 1;
  }
  // In `costgate all`, one price book for both roles: the proxy prices receipts and central
  // reprices them with the same rows, and a reload or refresh swaps it for both at once.
  Shared shared(std::move(book), options.config_path);
  central.StartApi(config->central, shared.prices, shared.metrics);
  central.StartAlerts(config->alerts);
  central.StartPriceAdmin(config->pricing, shared.refresh_stats);
  central.OfferSetup(config->central);
  if (role == Role::kCentral) {
    const int code = Serve(options, role, shared, config, {&central.site()});
    if (code == 0) {
      logger.Info("stopped").Emit();
    }
    return code;
  }
  ProxyRole proxy(logger, shared.metrics, shared.prices);
  budget::GateService::Transports to_central;
  if (config->shipper.url.empty()) {
    to_central.leases = std::make_unique<InProcessPost>(central.api(), "/v1/budget/leases");
    to_central.preflight = std::make_unique<InProcessPreflight>(central.api());
  }
  if (!proxy.OpenBudgets(*config, true, std::move(to_central)) || !proxy.Open(config)) {
    return 1;
  }
  // Declared after `central`, stopped before it: the shipper's last batch and the gates' last
  // lease report still have central.
  if (config->shipper.url.empty()) {
    proxy.StartShipping(InProcessShipperConfig(config->shipper),
                        std::make_unique<InProcessPost>(central.api(), "/v1/usage/batch"));
  } else {
    proxy.StartShipping(config->shipper, nullptr);  // another central, named by shipper.url
  }
  const int code = Serve(options, role, shared, config, {&proxy.site(), &central.site()});
  if (code == 0) {
    proxy.ShipBeforeExit();
  }
  proxy.Stop();
  if (code == 0) {
    LogStopped(proxy, logger);
  }
  return code;
}

}  // namespace

int RunProxy(const ServerOptions& options) {
  log::Logger& logger = log::Default();
  if (!Begin(options, Role::kProxy, logger)) {
    return 1;
  }
  auto config = std::make_shared<const config::Config>(options.config);
  std::shared_ptr<const pricing::PriceBook> book = LoadBook(config->pricing, logger);
  if (!book) {
    return 1;
  }
  Shared shared(std::move(book), options.config_path);
  ProxyRole proxy(logger, shared.metrics, shared.prices);
  if (!proxy.OpenBudgets(*config, false, {}) || !proxy.Open(config)) {
    return 1;
  }
  proxy.StartShipping(config->shipper, nullptr);
  const int code = Serve(options, Role::kProxy, shared, config, {&proxy.site()});
  if (code == 0) {
    proxy.ShipBeforeExit();
  }
  proxy.Stop();
  if (code == 0) {
    LogStopped(proxy, logger);
  }
  return code;
}

int RunCentral(const ServerOptions& options) { return RunCentralWithin(options, Role::kCentral); }

int RunAll(const ServerOptions& options) { return RunCentralWithin(options, Role::kAll); }

}  // namespace costgate::daemon::roles
