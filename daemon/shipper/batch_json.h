// The request body of POST /v1/usage/batch (docs/usage-batch.md): stored receipts as events.
#pragma once

#include <span>
#include <string>

#include "daemon/outbox/ship_batch.h"

namespace costgate::daemon::shipper {

// {"events":[{...},...]}: one event per receipt, in order, every field of the contract written
// (labels included, empty strings as ""), no whitespace. units is units_json as stored ("{}"
// when empty); cost_pico_usd is null when unpriced.
std::string BatchJson(std::span<const outbox::StoredReceipt> receipts);

}  // namespace costgate::daemon::shipper
