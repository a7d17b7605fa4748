// Process-lifetime services shared by all workers and all config generations.
#pragma once

#include <string>

#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "filters/filter_stats.h"
#include "filters/receipt.h"
#include "pricing/book_holder.h"

namespace costgate::daemon::server {

struct Services {
  log::Logger& logger;
  metrics::ProxyMetrics& metrics;
  filters::ReceiptSink& receipts;
  filters::FilterStats& filter_stats;
  pricing::PriceBookHolder& prices;  // the price book in force (swapped by reload and refresh)
  std::string host;                  // this machine's hostname, for receipts
  std::string version;               // daemon version, for receipts and /metrics
};

}  // namespace costgate::daemon::server
