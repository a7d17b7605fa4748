#include "daemon/upstream/upstream_target.h"

#include "daemon/util/file_check.h"

namespace costgate::daemon::upstream {

std::shared_ptr<ssl::context> MakeClientTlsContext(const config::UpstreamConfig& config,
                                                   std::string& error) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  ctx->set_verify_mode(ssl::verify_peer);
  error_code ec;
  std::string reason;
  if (config.ca_file.empty()) {
    ctx->set_default_verify_paths(ec);
  } else if (reason = util::UnusableCaFileReason(config.ca_file); reason.empty()) {
    ctx->load_verify_file(config.ca_file, ec);
  }
  // asio reports a missing or empty file as a bare "asio.ssl error": the file check, run first,
  // says which and why; asio's own message is left for what the check cannot foresee.
  if (reason.empty() && ec) {
    reason = ec.message();
  }
  if (!reason.empty()) {
    error = "upstreams." + config.name + ".ca_file: cannot use '" +
            (config.ca_file.empty() ? std::string("system CA store") : config.ca_file) +
            "': " + reason;
    return nullptr;
  }
  return ctx;
}

std::shared_ptr<const UpstreamTarget> MakeUpstreamTarget(const config::UpstreamConfig& config,
                                                         uint64_t generation, std::string& error) {
  auto target = std::make_shared<UpstreamTarget>();
  target->name = config.name;
  target->pool_key = config.name;
  target->host = config.host;
  target->port = std::to_string(config.port);
  error_code ec;
  asio::ip::make_address(config.host, ec);
  target->host_is_ip = !ec;
  const bool ipv6 = target->host_is_ip && config.host.find(':') != std::string::npos;
  const std::string bracketed = ipv6 ? "[" + config.host + "]" : config.host;
  target->host_header = config.port == 443 ? bracketed : bracketed + ":" + target->port;
  target->origin = "https://" + target->host_header;
  target->max_idle_connections = config.max_idle_connections;
  target->idle_timeout = config.idle_timeout;
  target->generation = generation;
  target->tls = MakeClientTlsContext(config, error);
  if (!target->tls) {
    return nullptr;
  }
  return target;
}

}  // namespace costgate::daemon::upstream
