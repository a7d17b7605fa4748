// A request body collected in memory within two bounds: its own limit (central.max_body_bytes)
// and the process-wide BodyBudget, through the request's reservation, which grows before the
// buffer does (so the budget counts the memory the buffer really takes, capacity included).
// Past either bound it keeps nothing more and says which bound it hit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/byte_sink.h"
#include "daemon/central_api/body_budget.h"
#include "daemon/server/request_body.h"

namespace costgate::daemon::central_api {

// A ByteSink for the gzip decoder and a BodySink for the server core's body reader.
class BudgetedBody final : public base::ByteSink, public server::BodySink {
 public:
  enum class State {
    kOk,
    kTooLarge,    // more than max_bytes, or than the whole budget can ever give: 413
    kOverBudget,  // the budget (or the allocator) cannot cover it now: 503
  };

  // `reservation` must outlive the body; the body's buffer is paid for from it.
  BudgetedBody(uint64_t max_bytes, BodyBudget::Reservation& reservation) noexcept
      : max_bytes_(max_bytes), reservation_(reservation) {}

  // Makes room for a body of `bytes` (its declared Content-Length) at once, so a body that
  // cannot fit is refused before any of it is read. False when it does not fit (see state()).
  bool Expect(uint64_t bytes) noexcept;
  void Write(std::string_view bytes) noexcept override;
  bool Refuses() const noexcept override { return state_ != State::kOk; }

  State state() const noexcept { return state_; }
  std::string& text() noexcept { return text_; }

 private:
  bool MakeRoom(uint64_t size) noexcept;

  uint64_t max_bytes_;
  BodyBudget::Reservation& reservation_;
  std::string text_;
  uint64_t paid_ = 0;  // buffer capacity taken from the reservation
  State state_ = State::kOk;
};

}  // namespace costgate::daemon::central_api
