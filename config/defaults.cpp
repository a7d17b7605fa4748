#include <stdexcept>
#include <string>

#include "config/addresses.h"
#include "config/config_loader.h"
#include "config/providers.h"

namespace costgate::config {

Config DefaultConfig() {
  Config config;
  for (const KnownProvider& provider : kKnownProviders) {
    Parsed<Endpoint> endpoint = ParseUpstreamUrl(provider.default_url);
    if (!endpoint.value) {
      // kKnownProviders is a compile-time table and its URLs are covered by the tests.
      throw std::logic_error("bad default URL for " + std::string(provider.name) + ": " +
                             endpoint.error);
    }
    UpstreamConfig upstream;
    upstream.name = provider.name;
    upstream.url = provider.default_url;
    upstream.host = std::move(endpoint.value->host);
    upstream.port = endpoint.value->port;
    upstream.regional = provider.regional_hosts;
    config.upstreams.push_back(std::move(upstream));
  }
  return config;
}

}  // namespace costgate::config
