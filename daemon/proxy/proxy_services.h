// Process-lifetime services the proxy role's requests use, shared by all its workers and all
// configuration generations.
#pragma once

#include <string>

#include "daemon/budget/gate_service.h"
#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"
#include "filters/filter_stats.h"
#include "filters/preflight/budget_gate.h"
#include "filters/receipt.h"
#include "pricing/book_holder.h"

namespace costgate::daemon::proxy {

struct ProxyServices {
  log::Logger& logger;
  metrics::ProxyMetrics& metrics;
  filters::ReceiptSink& receipts;  // the outbox
  filters::FilterStats& filter_stats;
  pricing::PriceBookHolder& prices;  // the price book in force (swapped by reload and refresh)
  std::string host;                  // this machine's hostname, for receipts
  std::string version;               // daemon version, for receipts and /metrics
  // The budget gates' lasting parts (leases, holds); null when preflight is off. Each
  // configuration generation makes its gate from it (Runtime::gate).
  budget::GateService* gates = nullptr;
  // A gate given from outside (tests script one) wins over `gates`; nullptr: use `gates`.
  // Outlives every chain built with it.
  filters::preflight::BudgetGate* budget_gate = nullptr;
};

}  // namespace costgate::daemon::proxy
