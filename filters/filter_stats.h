// Counters the filters keep for the daemon's /metrics page.
//
// One instance per process, owned by the daemon and outliving every FilterChain built from it
// (counters survive config reloads). Factories hold a reference; filters add with relaxed
// increments from any worker thread; the daemon reads with load().
#pragma once

#include <atomic>
#include <cstdint>

#include "filters/preflight/unchecked_calls.h"

namespace costgate::filters {

struct FilterStats {
  std::atomic<uint64_t> unpriced_receipts{0};       // receipts without a cost (any reason)
  std::atomic<uint64_t> unpriced_unknown_model{0};  // of those, no price key for the model
  std::atomic<uint64_t> usage_missing{0};           // metered 2xx responses that reported no usage
  std::atomic<uint64_t> meter_malformed_units{0};   // stream units the meters skipped as unparsable
  std::atomic<uint64_t> meter_oversized_units{0};   // stream units skipped as over the size limit
  std::atomic<uint64_t> receipts_submitted{0};      // receipts handed to the ReceiptSink
  std::atomic<uint64_t> intents_submitted{0};       // intents (open receipts) handed to it
  std::atomic<uint64_t> unmetered_receipts{0};      // of those, for operations with no meter
  preflight::UncheckedCalls preflight_unchecked;    // let through without a budget hold
};

inline void Count(std::atomic<uint64_t>& counter, uint64_t n = 1) noexcept {
  counter.fetch_add(n, std::memory_order_relaxed);
}

}  // namespace costgate::filters
