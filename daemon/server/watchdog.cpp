#include "daemon/server/watchdog.h"

#include <algorithm>

namespace costgate::daemon::server {

Watchdog::Watchdog(asio::any_io_executor executor, Clock::duration tick)
    : timer_(std::move(executor)),
      tick_(std::max<Clock::duration>(tick, std::chrono::milliseconds(1))) {}

void Watchdog::Start(std::shared_ptr<void> owner) {
  asio::co_spawn(timer_.get_executor(), Loop(std::move(owner)), asio::detached);
}

void Watchdog::set_tick(Clock::duration tick) {
  tick_ = std::max<Clock::duration>(tick, std::chrono::milliseconds(1));
}

void Watchdog::Stop() {
  stopped_ = true;
  cancel_ = nullptr;
  probe_ = nullptr;
  timer_.cancel();
}

void Watchdog::Arm(Clock::duration timeout, CancelFn cancel, void* arg) {
  deadline_ = Clock::now() + std::max(timeout, tick_);
  cancel_ = cancel;
  arg_ = arg;
  fired_ = false;
}

void Watchdog::SetProbe(ProbeFn probe, void* arg, Clock::duration interval) {
  probe_ = probe;
  probe_arg_ = arg;
  probe_interval_ = interval;
  next_probe_ = Clock::now() + interval;
}

void Watchdog::ClearProbe() {
  probe_ = nullptr;
  probe_arg_ = nullptr;
}

void Watchdog::Disarm() {
  deadline_ = Clock::time_point::max();
  cancel_ = nullptr;
  fired_ = false;
}

Awaitable<void> Watchdog::Loop(std::shared_ptr<void> owner) {
  while (!stopped_) {
    const Clock::time_point now = Clock::now();
    if (deadline_ <= now) {
      const CancelFn cancel = cancel_;
      deadline_ = Clock::time_point::max();
      cancel_ = nullptr;
      fired_ = true;
      if (cancel != nullptr) {
        cancel(arg_);
      }
    }
    if (probe_ != nullptr && next_probe_ <= now) {
      next_probe_ = now + probe_interval_;
      probe_(probe_arg_);
    }
    // A probe is due at its own time, not at the first tick after it: a tick can be as long as
    // the probe interval, and waiting for it would let a departed client go unnoticed for up to
    // two intervals instead of one.
    Clock::time_point wake = std::min(deadline_, now + tick_);
    if (probe_ != nullptr) {
      wake = std::min(wake, next_probe_);
    }
    timer_.expires_at(wake);
    error_code ec;
    co_await timer_.async_wait(Await(ec));
  }
  owner.reset();
}

void CancelTcpSocket(void* socket) noexcept {
  error_code ignored;
  static_cast<tcp::socket*>(socket)->cancel(ignored);
}

}  // namespace costgate::daemon::server
