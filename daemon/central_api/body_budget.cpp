#include "daemon/central_api/body_budget.h"

namespace costgate::daemon::central_api {

BodyBudget::Reservation::Reservation(Reservation&& other) noexcept
    : budget_(other.budget_), held_(other.held_) {
  other.held_ = 0;
}

bool BodyBudget::Reservation::Grow(uint64_t bytes) noexcept {
  if (!budget_->Take(bytes)) {
    return false;
  }
  held_ += bytes;
  return true;
}

void BodyBudget::Reservation::Release() noexcept {
  budget_->Give(held_);
  held_ = 0;
}

bool BodyBudget::Take(uint64_t bytes) noexcept {
  uint64_t current = buffered_.load(std::memory_order_relaxed);
  do {
    // Written as a subtraction: current + bytes could wrap for a hostile declared length.
    if (bytes > limit_ - current) {
      refusals_.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
  } while (!buffered_.compare_exchange_weak(current, current + bytes, std::memory_order_relaxed));
  return true;
}

void BodyBudget::Give(uint64_t bytes) noexcept {
  buffered_.fetch_sub(bytes, std::memory_order_relaxed);
}

}  // namespace costgate::daemon::central_api
