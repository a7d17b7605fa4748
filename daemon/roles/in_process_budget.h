// `costgate all`: central mode's /v1/preflight requests to the central of the same process
// (in_process_call.h). Lease mode needs nothing of its own: its client posts through
// InProcessPost on /v1/budget/leases.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "daemon/budget/preflight_transport.h"
#include "daemon/central_api/api_service.h"

namespace costgate::daemon::roles {

// Central mode's transport: one thread hands each request to central's API thread in turn (the
// store's one writer answers them in turn anyway); a call stops waiting at its own timeout (the
// gate's timer), whatever the queue holds.
class InProcessPreflight final : public budget::PreflightTransport {
 public:
  // `api` outlives the transport.
  explicit InProcessPreflight(central_api::ApiService& api);
  // Requests not yet handed on are answered "stopped" (status 0); joins the thread.
  ~InProcessPreflight() override;
  InProcessPreflight(const InProcessPreflight&) = delete;
  InProcessPreflight& operator=(const InProcessPreflight&) = delete;

  void Post(std::string body, std::chrono::milliseconds timeout, Done done) override;

 private:
  struct Request {
    std::string body;
    Done done;
  };
  void Run(std::stop_token stop);

  central_api::ApiService& api_;
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::deque<Request> queue_;
  std::jthread thread_;  // last: it uses everything above
};

}  // namespace costgate::daemon::roles
