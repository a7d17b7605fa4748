// Reading every event of a range in start order, a batch at a time, from one snapshot: the
// events export (10 million rows in constant memory). Store::ScanEvents makes one.
#pragma once

#include <cstddef>
#include <vector>

#include "central/store/event.h"

namespace costgate::central {

struct StoreError;

class EventScan {
 public:
  virtual ~EventScan() = default;

  // Replaces `out` with up to `max_events` next events; empty when the scan is done. The
  // scan reads one snapshot from its first batch to its last: events stored meanwhile are not in
  // it. On an error the scan is over.
  virtual bool Next(std::vector<Event>& out, size_t max_events, StoreError& error) = 0;
};

}  // namespace costgate::central
