// Counters of the shipper, updated by its thread and read by metrics at render.
#pragma once

#include <atomic>
#include <cstdint>

namespace costgate::daemon::shipper {

struct ShipperStats {
  std::atomic<uint64_t> batches_sent{0};      // central answered 200 with results
  std::atomic<uint64_t> batches_failed{0};    // no answer, an error status or an unreadable answer
  std::atomic<uint64_t> events_stored{0};     // central stored them
  std::atomic<uint64_t> events_duplicate{0};  // central had them already (a resend)
  std::atomic<uint64_t> events_rejected{0};   // central will never take them as sent
  std::atomic<uint64_t> backlog{0};           // closed receipts not shipped yet, as last seen
  std::atomic<int64_t> oldest_unshipped_age_ms{0};  // age of the oldest of them; 0 when none
  std::atomic<int64_t> last_status{0};  // HTTP status of the last attempt; 0: none or no answer
};

}  // namespace costgate::daemon::shipper
