// The receipts database's size cap (receipts.max_db_bytes) as a value: full at the cap, not full
// again until the use falls below the cap by a margin, so that a database hovering at the cap
// does not flap between storing and dropping (and logging each turn).
#pragma once

#include <cstdint>

namespace costgate::daemon::outbox {

class SizeCap {
 public:
  // `max_bytes` 0: no cap, never full.
  explicit SizeCap(uint64_t max_bytes) : max_bytes_(max_bytes) {}

  // Takes a new measurement of the bytes in use; returns whether the database is full now.
  bool Update(uint64_t used_bytes) noexcept {
    if (max_bytes_ == 0) {
      full_ = false;
    } else if (full_) {
      full_ = used_bytes >= resume_below();
    } else {
      full_ = used_bytes >= max_bytes_;
    }
    return full_;
  }

  bool enabled() const noexcept { return max_bytes_ != 0; }
  bool full() const noexcept { return full_; }
  // Storing resumes below this: the cap less 5 %.
  uint64_t resume_below() const noexcept { return max_bytes_ - max_bytes_ / 20; }

 private:
  uint64_t max_bytes_;
  bool full_ = false;
};

}  // namespace costgate::daemon::outbox
