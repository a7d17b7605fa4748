// A configured upstream, ready to connect to: resolved names and a TLS client context.
//
// Built once per config generation from validated config (daemon/proxy/proxy_runtime.cpp) and
// shared read-only by every worker thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "config/config.h"
#include "daemon/asio.h"

namespace costgate::daemon::upstream {

struct UpstreamTarget {
  std::string name;         // provider name ("gemini")
  std::string host;         // DNS name or IP literal (no brackets)
  std::string port;         // service for the resolver
  std::string host_header;  // Host field value sent upstream
  std::string origin;       // "https://host[:port]", for logs and the route list
  std::string pool_key;     // idle connections are pooled per key: name, or name@host per region
  bool host_is_ip = false;  // no SNI for IP literals (RFC 6066 3)
  uint32_t max_idle_connections = 64;
  std::chrono::milliseconds idle_timeout{30'000};
  uint64_t generation = 0;  // pooled connections of an older generation are not reused
  std::shared_ptr<ssl::context> tls;
};

// Returns nullptr and sets `error` when the CA file cannot be loaded: "upstreams.<name>.ca_file:
// cannot use '<file>': <reason>", the reason from util::UnusableCaFileReason (file_check.h).
std::shared_ptr<ssl::context> MakeClientTlsContext(const config::UpstreamConfig& config,
                                                   std::string& error);

std::shared_ptr<const UpstreamTarget> MakeUpstreamTarget(const config::UpstreamConfig& config,
                                                         uint64_t generation, std::string& error);

}  // namespace costgate::daemon::upstream
