#include "daemon/budget/deadline_timer.h"

namespace costgate::daemon::budget {

DeadlineTimer::DeadlineTimer() : thread_([this](std::stop_token stop) { Run(stop); }) {}

DeadlineTimer::~DeadlineTimer() {
  thread_.request_stop();
  thread_.join();
}

void DeadlineTimer::After(std::chrono::milliseconds delay, std::function<void()> fn) {
  {
    const std::lock_guard lock(mutex_);
    due_.emplace(std::chrono::steady_clock::now() + delay, std::move(fn));
  }
  wake_.notify_one();
}

void DeadlineTimer::Run(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    if (due_.empty()) {
      wake_.wait(lock, stop, [this] { return !due_.empty(); });
      continue;
    }
    const auto first = due_.begin();
    if (std::chrono::steady_clock::now() < first->first) {
      const auto at = first->first;
      // Wakes early for a new, earlier deadline as well as at this one.
      wake_.wait_until(lock, stop, at, [this, at] { return due_.begin()->first < at; });
      continue;
    }
    std::function<void()> fn = std::move(first->second);
    due_.erase(first);
    lock.unlock();
    fn();
    lock.lock();
  }
}

}  // namespace costgate::daemon::budget
