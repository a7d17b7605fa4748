// What the outbox hands the shipper, and what the shipper tells it back (ReceiptWriter's
// shipping calls).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "filters/receipt.h"

namespace costgate::daemon::outbox {

// A closed receipt as stored, read back for shipping.
struct StoredReceipt {
  filters::Receipt receipt;  // every column; receipt.units is left empty (see units_json)
  std::string units_json;    // the units as stored: Units::ToJson(), a JSON object
};

// Closed receipts not shipped yet, oldest event_id first.
struct ShipBatch {
  std::vector<StoredReceipt> receipts;
  // Closed rows waiting to ship, counting these: exact when the batch is not full, counted when
  // asked for, nullopt otherwise (not known without a count).
  std::optional<uint64_t> backlog;
  std::optional<std::string> error;  // the database could not be read (receipts is empty)
};

// Central's verdict on one event it will never accept as sent.
struct Rejection {
  std::string event_id;
  std::string reason;  // kept in the row (rejected_reason)
};

}  // namespace costgate::daemon::outbox
