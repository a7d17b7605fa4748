// Where central mode's /v1/preflight requests go: central over HTTP (curl_multi_poster.h), or the
// central of the same process (`costgate all`, daemon/roles/in_process_budget.h). Unlike the
// shipper's transport it never blocks its caller, a worker thread: every call's request runs
// beside the others', and its answer comes back through `done`.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "daemon/shipper/batch_transport.h"

namespace costgate::daemon::budget {

class PreflightTransport {
 public:
  virtual ~PreflightTransport() = default;

  using Done = std::function<void(shipper::PostResult)>;
  // Sends one request body. `done` runs exactly once, on the transport's thread (never inside
  // Post), with central's answer or why there is none (status 0), within about `timeout`, or at
  // the transport's end.
  virtual void Post(std::string body, std::chrono::milliseconds timeout, Done done) = 0;
};

}  // namespace costgate::daemon::budget
