// Central's API behind the HTTP server: runs central::Api on one thread of its own, the only
// thread that touches the store (ARCHITECTURE.md: one connection per database file per
// process). Connections await the answer; their workers keep serving meanwhile.
#pragma once

#include <memory>
#include <thread>
#include <variant>

#include "central/api/api.h"
#include "daemon/asio.h"
#include "daemon/server/body_budget.h"

namespace costgate::daemon::server {

struct ApiLimits {
  uint64_t max_body_bytes = 16 * 1024 * 1024;  // request body, after gzip decoding
  // Request bodies held in memory at once, over all requests (raw and decoded).
  uint64_t max_buffered_body_bytes = 64 * 1024 * 1024;
};

class ApiService {
 public:
  // `api` must outlive the service.
  ApiService(central::Api& api, ApiLimits limits);
  ~ApiService();  // stops and joins the thread
  ApiService(const ApiService&) = delete;
  ApiService& operator=(const ApiService&) = delete;

  // Runs api.Admit(head) on the API thread; resumes the caller on its own executor. The head's
  // views must stay valid until the call returns.
  Awaitable<std::variant<central::Admission, central::ApiResponse>> Admit(
      const central::ApiHead& head);
  // Runs api.Handle(request, admission) on the API thread, likewise; a route that touches no
  // store (RouteKind::kNoStore: static files) runs on the caller's thread instead.
  Awaitable<central::ApiResponse> Handle(const central::ApiRequest& request,
                                         const central::Admission& admission);

  const ApiLimits& limits() const { return limits_; }
  // The memory all request bodies share (central.max_buffered_body_bytes).
  BodyBudget& body_budget() { return body_budget_; }

 private:
  central::Api& api_;
  ApiLimits limits_;
  BodyBudget body_budget_;
  asio::io_context io_{1};
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
};

}  // namespace costgate::daemon::server
