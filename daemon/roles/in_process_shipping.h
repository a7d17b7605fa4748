// `costgate all`: the shipper delivers its batches to the central of the same process. The
// batch goes through central's own /v1/usage/batch handler on its API thread (the store's one
// writer), so the exactly-once rule is the network's: an event is marked shipped only when
// central's answer names it stored or duplicate, and a resent event is a duplicate. The
// shipper's metrics, backoff and logs are unchanged; only HTTP, gzip and the key are skipped
// (central trusts its own process: the batch is admitted as a ship key bound to no app or
// workspace, so every event keeps the labels the proxy gave it).
#pragma once

#include <string>

#include "config/config.h"
#include "daemon/central_api/api_service.h"
#include "daemon/shipper/batch_transport.h"

namespace costgate::daemon::roles {

// shipper.* for shipping in process: no URL, no key, no gzip (compressing bytes that never
// leave memory would only cost CPU); batch size, age and backoff as configured.
config::ShipperConfig InProcessShipperConfig(const config::ShipperConfig& configured);

class InProcessShipping final : public shipper::BatchTransport {
 public:
  // `api` outlives the transport (the shipper stops before central does).
  explicit InProcessShipping(central_api::ApiService& api) : api_(api) {}

  shipper::PostResult PostBatch(std::string_view body, bool gzipped, const std::string& api_key,
                                std::stop_token stop) override;
  std::string Describe() const override { return "in-process"; }
  bool NeedsApiKey() const override { return false; }

 private:
  central_api::ApiService& api_;
};

}  // namespace costgate::daemon::roles
