// The daemon's serving roles: workers, signals, graceful drain and configuration reload.
#pragma once

#include <memory>
#include <string>

#include "config/config.h"

namespace costgate::daemon::server {

struct ServerOptions {
  std::string config_path;  // empty: embedded defaults, SIGHUP reloads nothing
  config::Config config;    // validated
};

// Runs until SIGTERM/SIGINT, then drains and returns the process exit code (0 on a clean stop,
// 1 when startup failed, with the reason logged).
int RunProxy(const ServerOptions& options);

// The central role: the /v1 API (central/api) on central.listen over central.database, with the
// same workers, signals, drain and reload as the proxy. Same exit codes.
int RunCentral(const ServerOptions& options);

}  // namespace costgate::daemon::server
