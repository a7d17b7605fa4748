// Runs a filters::Task to its end on the test's thread, the way the daemon's connection does
// (daemon/proxy/task_wait.h): a suspended Task resumes through a Post that queues work here.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>

#include "filters/task.h"

namespace costgate::daemon::budget::testing {

template <typename T>
class TaskPump {
 public:
  explicit TaskPump(filters::Task<T> task) : task_(std::move(task)) {
    started_ready_ = task_.ready();
    if (task_.ready()) {
      finished_ = true;
      return;
    }
    task_.Start(
        [this](std::function<void()> work) {
          {
            const std::lock_guard lock(mutex_);
            work_.push_back(std::move(work));
          }
          wake_.notify_one();
        },
        [this] { finished_ = true; });
  }

  bool started_ready() const { return started_ready_; }
  bool finished() const { return finished_; }

  // Runs posted work until the Task finished or `limit` passed. True when it finished.
  bool Pump(std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!finished_) {
      std::function<void()> work;
      {
        std::unique_lock lock(mutex_);
        if (!wake_.wait_until(lock, deadline, [this] { return !work_.empty(); })) {
          return false;
        }
        work = std::move(work_.front());
        work_.pop_front();
      }
      work();
    }
    return true;
  }

  // Precondition: finished().
  const T& value() const { return task_.value(); }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> work_;
  bool started_ready_ = false;
  bool finished_ = false;
  // Last: destroyed first, so no answer can post here once the rest is gone.
  filters::Task<T> task_;
};

// The value of `task`, pumping it to its end (a test failure when it does not end within 10 s).
template <typename T>
std::optional<T> RunTask(filters::Task<T> task) {
  TaskPump<T> pump(std::move(task));
  if (!pump.Pump()) {
    return std::nullopt;
  }
  return pump.value();
}

}  // namespace costgate::daemon::budget::testing
