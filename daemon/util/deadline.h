// What code outside the server core needs of a connection's watchdog: a deadline that cancels
// the operation being waited on when it passes. Opening an upstream connection (daemon/upstream)
// times itself with it, so upstream does not depend on the server; daemon/server/watchdog.h
// implements it.
#pragma once

#include <chrono>

namespace costgate::daemon::util {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;
  using CancelFn = void (*)(void* arg) noexcept;

  virtual ~Deadline() = default;

  // After `timeout` (at least the implementation's resolution, e.g. the watchdog's tick), runs
  // cancel(arg) once unless re-armed or disarmed before.
  virtual void Arm(Clock::duration timeout, CancelFn cancel, void* arg) = 0;
  virtual void Disarm() = 0;
  // The last armed deadline passed and its action ran. Cleared by Arm/Disarm.
  virtual bool fired() const = 0;
};

}  // namespace costgate::daemon::util
