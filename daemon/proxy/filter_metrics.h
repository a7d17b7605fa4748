// Exposes the filters' counters (filters/filter_stats.h) on /metrics.
#pragma once

#include "daemon/metrics/proxy_metrics.h"
#include "filters/filter_stats.h"

namespace costgate::daemon::proxy {

// `stats` must outlive `metrics`' renders.
void RegisterFilterStats(metrics::ProxyMetrics& metrics, const filters::FilterStats& stats);

}  // namespace costgate::daemon::proxy
