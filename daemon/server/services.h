// Process-lifetime services the server core uses, shared by every listener and worker.
#pragma once

#include <string>

#include "daemon/log/logger.h"
#include "daemon/metrics/proxy_metrics.h"

namespace costgate::daemon::server {

struct Services {
  log::Logger& logger;
  metrics::ProxyMetrics& metrics;  // /metrics; connection and local-reply counts
  std::string version;             // daemon version, for the "listening" line
};

}  // namespace costgate::daemon::server
