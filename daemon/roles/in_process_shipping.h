// `costgate all`: the shipper delivers its batches to the central of the same process
// (InProcessPost on /v1/usage/batch: in_process_call.h). The batch goes through central's own
// handler on its API thread (the store's one writer), so the exactly-once rule is the network's:
// an event is marked shipped only when central's answer names it stored or duplicate, and a
// resent event is a duplicate. The shipper's metrics, backoff and logs are unchanged; only HTTP,
// gzip and the key are skipped (central trusts its own process: the batch is admitted as a ship
// key bound to no app or workspace, so every event keeps the labels the proxy gave it).
#pragma once

#include "config/config.h"

namespace costgate::daemon::roles {

// shipper.* for shipping in process: no URL, no key, no gzip (compressing bytes that never
// leave memory would only cost CPU); batch size, age and backoff as configured.
config::ShipperConfig InProcessShipperConfig(const config::ShipperConfig& configured);

}  // namespace costgate::daemon::roles
