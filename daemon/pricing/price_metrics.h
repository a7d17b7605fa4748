// The price book and its refresh on /metrics.
#pragma once

#include "daemon/metrics/proxy_metrics.h"
#include "daemon/pricing/price_refresher.h"
#include "pricing/book_holder.h"

namespace costgate::daemon::price_refresh {

// Registers, read at each render:
//   costgate_price_refresh_total{result="ok|unchanged|failed"}  counter, from `stats`
//   costgate_price_book_info{version="pb-..."} 1               gauge, the book in force
//   costgate_price_book_keys                                    gauge, price keys in that book
// `holder` and `stats` must outlive `metrics`' renders.
void RegisterPriceMetrics(metrics::ProxyMetrics& metrics,
                          const costgate::pricing::PriceBookHolder& holder,
                          const RefreshStats& stats);

}  // namespace costgate::daemon::price_refresh
