#include "daemon/central_api/budgeted_body.h"

#include <algorithm>
#include <new>

namespace costgate::daemon::central_api {

bool BudgetedBody::Expect(uint64_t bytes) noexcept {
  if (state_ != State::kOk) {
    return false;
  }
  if (bytes > max_bytes_) {
    state_ = State::kTooLarge;
    return false;
  }
  return MakeRoom(bytes);
}

void BudgetedBody::Write(std::string_view bytes) noexcept {
  if (state_ != State::kOk) {
    return;
  }
  if (bytes.size() > max_bytes_ - text_.size()) {
    state_ = State::kTooLarge;
    return;
  }
  if (MakeRoom(text_.size() + bytes.size())) {
    text_.append(bytes);
  }
}

bool BudgetedBody::MakeRoom(uint64_t size) noexcept {
  if (size <= paid_) {
    return true;
  }
  if (reservation_.NeverFits(size - paid_)) {
    // Not a matter of waiting: even alone, the request needs more than the whole budget.
    state_ = State::kTooLarge;
    return false;
  }
  // Doubling keeps a body of unknown length (chunked, gzip-decoded) to a few dozen growths, as
  // far as the budget has room for it; the capacity is paid for before it is allocated.
  const uint64_t doubled = std::min({paid_ * 2, max_bytes_, paid_ + reservation_.available()});
  const uint64_t capacity = std::max(size, doubled);
  if (!reservation_.Grow(capacity - paid_)) {
    state_ = State::kOverBudget;
    return false;
  }
  paid_ = capacity;
  try {
    text_.reserve(capacity);
  } catch (const std::bad_alloc&) {
    state_ = State::kOverBudget;
    return false;
  }
  return true;
}

}  // namespace costgate::daemon::central_api
