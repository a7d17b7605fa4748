// The request-body bytes central holds in memory, over all its requests together
// (central.max_buffered_body_bytes): a body as received and its gzip-decoded copy.
//
// A request takes a Reservation and grows it before its buffers grow; a growth the budget
// cannot cover is refused (the request is answered 503 "overloaded" with Retry-After) and
// counted. Everything a reservation holds is given back when it is destroyed, on every path.
// Thread-safe: every worker reserves from the one budget. Plain code: no sockets, no clock.
#pragma once

#include <atomic>
#include <cstdint>

namespace costgate::daemon::central_api {

class BodyBudget {
 public:
  explicit BodyBudget(uint64_t limit) : limit_(limit) {}
  BodyBudget(const BodyBudget&) = delete;
  BodyBudget& operator=(const BodyBudget&) = delete;

  class Reservation {
   public:
    // Holds nothing yet; `budget` must outlive the reservation.
    explicit Reservation(BodyBudget& budget) : budget_(&budget) {}
    ~Reservation() { Release(); }
    Reservation(Reservation&& other) noexcept;
    Reservation& operator=(Reservation&& other) = delete;
    Reservation(const Reservation&) = delete;
    Reservation& operator=(const Reservation&) = delete;

    // Takes `bytes` more from the budget; false (nothing taken, a refusal counted) when the
    // budget cannot spare them.
    bool Grow(uint64_t bytes) noexcept;
    // Gives back everything held.
    void Release() noexcept;
    uint64_t held() const noexcept { return held_; }
    // What Grow could take right now (a hint: other requests take and give concurrently).
    uint64_t available() const noexcept { return budget_->limit() - budget_->buffered(); }
    // True when growing by `bytes` would pass the whole budget even if this were the only
    // request: the request can never fit, however long it waits.
    bool NeverFits(uint64_t bytes) const noexcept { return bytes > budget_->limit() - held_; }

   private:
    BodyBudget* budget_;
    uint64_t held_ = 0;
  };

  uint64_t limit() const noexcept { return limit_; }
  // Bytes reserved right now, by all requests.
  uint64_t buffered() const noexcept { return buffered_.load(std::memory_order_relaxed); }
  // Growths refused since start (each one a request answered 503).
  uint64_t refusals() const noexcept { return refusals_.load(std::memory_order_relaxed); }

 private:
  bool Take(uint64_t bytes) noexcept;
  void Give(uint64_t bytes) noexcept;

  const uint64_t limit_;
  std::atomic<uint64_t> buffered_{0};
  std::atomic<uint64_t> refusals_{0};
};

}  // namespace costgate::daemon::central_api
