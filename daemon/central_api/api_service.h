// Central's API behind the HTTP server (and the in-process shipper of `costgate all`): runs central::Api on one thread of its own, the only
// thread that touches the store (ARCHITECTURE.md: one connection per database file per
// process). Connections await the answer; their workers keep serving meanwhile.
#pragma once

#include <memory>
#include <thread>
#include <variant>

#include "central/api/api.h"
#include "daemon/asio.h"
#include "daemon/central_api/body_budget.h"

namespace costgate::daemon::central_api {

class ApiService {
 public:
  // `api` must outlive the service.
  explicit ApiService(central::Api& api);
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
  // The same for a caller on a thread of its own (not an event loop): blocks until answered.
  central::ApiResponse HandleNow(const central::ApiRequest& request,
                                 const central::Admission& admission);

  const central::ApiLimits& limits() const { return api_.limits(); }
  // The memory all request bodies share (central.max_buffered_body_bytes).
  BodyBudget& body_budget() { return body_budget_; }

 private:
  central::Api& api_;
  BodyBudget body_budget_;
  asio::io_context io_{1};
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
};

}  // namespace costgate::daemon::central_api
