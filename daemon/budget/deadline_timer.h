// Runs callbacks at deadlines on a thread of its own: how a call waiting for central stops
// waiting after preflight.timeout, whatever central's request is doing (the waiter's
// filters::Answer takes the first of the answer and the timeout; the other is ignored).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace costgate::daemon::budget {

class DeadlineTimer {
 public:
  DeadlineTimer();
  // Joins the thread; callbacks still pending never run.
  ~DeadlineTimer();
  DeadlineTimer(const DeadlineTimer&) = delete;
  DeadlineTimer& operator=(const DeadlineTimer&) = delete;

  // Runs `fn` on the timer's thread once `delay` has passed (thread-safe). `fn` must be quick:
  // the timer's other callbacks wait behind it.
  void After(std::chrono::milliseconds delay, std::function<void()> fn);

 private:
  void Run(std::stop_token stop);

  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> due_;
  std::jthread thread_;  // last: starts after the members it uses, stops before they go
};

}  // namespace costgate::daemon::budget
