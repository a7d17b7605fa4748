#include "daemon/roles/in_process_budget.h"

#include "daemon/roles/in_process_call.h"

namespace costgate::daemon::roles {

InProcessPreflight::InProcessPreflight(central_api::ApiService& api)
    : api_(api), thread_([this](std::stop_token stop) { Run(std::move(stop)); }) {}

InProcessPreflight::~InProcessPreflight() {
  thread_.request_stop();
  thread_.join();
  for (Request& r : queue_) {
    r.done({0, {}, "stopped: the daemon is shutting down"});
  }
}

void InProcessPreflight::Post(std::string body, std::chrono::milliseconds, Done done) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back({std::move(body), std::move(done)});
  }
  wake_.notify_one();
}

void InProcessPreflight::Run(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (wake_.wait(lock, stop, [this] { return !queue_.empty(); })) {
    Request request = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    request.done(PostInProcess(api_, "/v1/preflight", request.body));
    lock.lock();
  }
}

}  // namespace costgate::daemon::roles
