// One timer per client connection that enforces whichever timeout the connection is in.
//
// Arm() sets a deadline and the action to take when it passes (cancel the socket the
// connection is waiting on). Setting a deadline is a member write, not a timer operation: the
// timer wakes at most every `tick` (the smallest configured timeout) and re-checks, so a
// connection pays for its timeouts once per tick instead of once per I/O call. Because every
// deadline is at least one tick away, the timer never needs cancelling to move a deadline
// earlier, and a deadline fires on time.
#pragma once

#include <chrono>
#include <memory>

#include "daemon/asio.h"
#include "daemon/util/deadline.h"

namespace costgate::daemon::server {

// final: the connection's own calls through Watchdog& are direct, not virtual.
class Watchdog final : public util::Deadline {
 public:
  Watchdog(asio::any_io_executor executor, Clock::duration tick);

  // Starts the timer loop; `owner` keeps the object that contains this watchdog alive.
  void Start(std::shared_ptr<void> owner);
  // Ends the loop (the connection is closing).
  void Stop();

  // A reload may bring smaller timeouts; takes effect from the next wake-up.
  void set_tick(Clock::duration tick);

  // After `timeout` (>= tick), runs cancel(arg) once unless re-armed or disarmed before.
  void Arm(Clock::duration timeout, CancelFn cancel, void* arg) override;
  void Disarm() override;

  // The last armed deadline passed and its action ran. Cleared by Arm/Disarm.
  bool fired() const override { return fired_; }

  // While set, probe(arg) runs on the connection's thread every `interval`, the first time one
  // interval after SetProbe: a way to notice, within one interval and without a system call per
  // request, that a client went away while its request waits on the upstream. The interval
  // must be >= the tick.
  using ProbeFn = void (*)(void* arg) noexcept;
  void SetProbe(ProbeFn probe, void* arg, Clock::duration interval);
  void ClearProbe();

 private:
  Awaitable<void> Loop(std::shared_ptr<void> owner);

  asio::steady_timer timer_;
  Clock::duration tick_;
  Clock::time_point deadline_ = Clock::time_point::max();
  CancelFn cancel_ = nullptr;
  void* arg_ = nullptr;
  ProbeFn probe_ = nullptr;
  void* probe_arg_ = nullptr;
  Clock::duration probe_interval_{};
  Clock::time_point next_probe_{};
  bool fired_ = false;
  bool stopped_ = false;
};

// The usual Watchdog action: cancel the pending operations of a tcp::socket (`socket`).
void CancelTcpSocket(void* socket) noexcept;

}  // namespace costgate::daemon::server
