// The daemon's serving commands, each putting its roles together on the server core
// (daemon/server): `costgate proxy`, `costgate central` and `costgate all`.
#pragma once

#include <string>

#include "config/config.h"

namespace costgate::daemon::roles {

struct ServerOptions {
  std::string config_path;  // empty: embedded defaults, SIGHUP reloads nothing
  config::Config config;    // validated
};

// Each runs until SIGTERM/SIGINT, then drains and returns the process exit code (0 on a clean
// stop, 1 when startup failed, with the reason logged).

// The proxy on listen.*, receipts to the outbox (receipts.*), shipped to shipper.url.
int RunProxy(const ServerOptions& options);

// Central's /v1 API (central/api) on central.listen over central.store.
int RunCentral(const ServerOptions& options);

// Both in one process: the proxy on listen.*, central on central.listen.*, one price book, and
// receipts shipped from the outbox to the in-process central (unless shipper.url names another
// central) with the same exactly-once rule as over the network.
int RunAll(const ServerOptions& options);

}  // namespace costgate::daemon::roles
