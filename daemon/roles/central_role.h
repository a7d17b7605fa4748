// The central role's parts, put together once for `costgate central` and `costgate all`: the
// store, central's API on its own thread, its site on the server core, and the alert sender.
#pragma once

#include <memory>

#include "central/api/api.h"
#include "central/api/static_files.h"
#include "central/store/open_store.h"
#include "config/config.h"
#include "daemon/alerts/alert_sender.h"
#include "daemon/central_api/api_service.h"
#include "daemon/central_api/central_handler.h"
#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "daemon/pricing/price_refresher.h"
#include "pricing/book_holder.h"

namespace costgate::daemon::roles {

class CentralRole {
 public:
  // Everything passed in outlives the role.
  explicit CentralRole(log::Logger& logger) : logger_(logger) {}
  ~CentralRole();

  // Opens the store and the dashboard's files (dashboard_dir.h). False, logged, when the store or
  // a configured central.static_dir cannot be opened: unlike the proxy's outbox, central without
  // its store has nothing to offer. No dashboard found by default is only logged.
  bool OpenStore(const config::CentralConfig& settings);
  // Starts the API's thread over the store and `prices`; its counters appear on `metrics`. Both
  // outlive the role.
  void StartApi(const config::CentralConfig& settings, pricing::PriceBookHolder& prices,
                metrics::ProxyMetrics& metrics);

  // With no admin account yet: stores a fresh one-time setup token (valid 24 h) and prints the
  // URL that uses it, http://HOST:PORT/setup#token=..., once on stdout. After StartApi.
  void OfferSetup(const config::CentralConfig& settings);

  // Sends budget alerts as `alerts` says (daemon/alerts/alert_sender.h), and tells the API where
  // the alerts it records go. After StartApi.
  void StartAlerts(const config::AlertsConfig& alerts);

  // Lets the /admin/v1/prices routes change the book (overrides, imports: `pricing` says where
  // they go) and report the scheduled refresh's counts since start (`stats`, which must outlive
  // this role). After StartApi.
  void StartPriceAdmin(const config::PricingConfig& pricing,
                       const price_refresh::RefreshStats& stats);

  server::Site& site() { return *site_; }
  central_api::ApiService& api() { return *service_; }

 private:
  // central.read_threads readers, after the writer made the store; null (reads on the writer's
  // thread) when off or when they cannot open (logged).
  std::unique_ptr<central_api::ReadPool> OpenReaders(const config::CentralConfig& settings,
                                                     pricing::PriceBookHolder& prices);

  // central.static_dir, or the dashboard built beside the binary when it is empty; logs which.
  bool OpenStaticFiles(const config::CentralConfig& settings);

  log::Logger& logger_;
  std::unique_ptr<central::Store> store_;
  std::unique_ptr<central::StaticFiles> static_files_;  // null: no dashboard served
  std::unique_ptr<central::Api> api_;
  std::unique_ptr<central_api::ApiService> service_;  // its thread ends before api_ and store_
  std::unique_ptr<central_api::CentralSite> site_;
  std::unique_ptr<alerts::AlertSender> alert_sender_;  // uses service_: stopped before it
};

}  // namespace costgate::daemon::roles
