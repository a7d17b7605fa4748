// Reading central's 200 answer to POST /v1/usage/batch (docs/usage-batch.md "Response").
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "daemon/outbox/ship_batch.h"

namespace costgate::daemon::shipper {

struct ShipResults {
  std::vector<std::string> shipped;  // named "stored" or "duplicate": central has them
  uint64_t stored = 0;
  uint64_t duplicate = 0;
  // Named "rejected"; reason is "<field>: <reason>" (or either alone when the other is missing).
  std::vector<outbox::Rejection> rejected;
  // Results that were not acted on: an id that was not sent (or named twice), or a status this
  // daemon does not know. A sent id central did not name stays unshipped and is sent again.
  uint64_t ignored = 0;
};

// Parses `body` against the batch that was `sent`. Only sent ids are ever returned, each at
// most once. An error message when the body is not a JSON object with a "results" array of
// objects each holding string "event_id" and "status".
std::variant<ShipResults, std::string> ParseShipResponse(
    std::string_view body, std::span<const outbox::StoredReceipt> sent);

}  // namespace costgate::daemon::shipper
