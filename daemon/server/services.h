// Process-lifetime services shared by all workers and all config generations.
#pragma once

#include <string>

#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "filters/filter_stats.h"
#include "filters/receipt.h"
#include "pricing/book_holder.h"

namespace costgate::daemon::server {

class ApiService;

struct Services {
  log::Logger& logger;
  metrics::ProxyMetrics& metrics;
  filters::ReceiptSink* receipts;  // the proxy role's outbox (non-null when api is null)
  filters::FilterStats& filter_stats;
  pricing::PriceBookHolder& prices;  // the price book in force (swapped by reload and refresh)
  std::string host;                  // this machine's hostname, for receipts
  std::string version;               // daemon version, for receipts and /metrics
  // The central role: every request that is not a daemon endpoint goes to central's API and
  // nothing is forwarded. Null in the proxy role.
  ApiService* api = nullptr;
};

}  // namespace costgate::daemon::server
