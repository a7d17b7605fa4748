// Opening a new TLS connection to an upstream: resolve, TCP connect, TLS handshake with SNI and
// hostname verification, all under one timeout (timeouts.upstream_connect_ms).
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "daemon/upstream/upstream_connection.h"
#include "daemon/upstream/upstream_target.h"
#include "daemon/util/deadline.h"

namespace costgate::daemon::upstream {

enum class ConnectError { kNone, kResolve, kConnect, kTls, kTimeout, kCancelled };

struct ConnectResult {
  std::unique_ptr<UpstreamConnection> connection;  // set iff error == kNone
  ConnectError error = ConnectError::kNone;
  std::string detail;  // the system / TLS error message
};

// Uses `deadline` (the client connection's watchdog) for the timeout; disarms it before
// returning.
Awaitable<ConnectResult> Connect(const UpstreamTarget& target, util::Deadline& deadline,
                                 std::chrono::milliseconds timeout);

}  // namespace costgate::daemon::upstream
