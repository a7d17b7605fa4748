// Central's API behind the HTTP server (and the in-process shipper of `costgate all`): runs
// central::Api on one thread of its own, the only thread that touches the store (ARCHITECTURE.md:
// one connection per database file per process). Connections await the answer; their workers keep
// serving meanwhile.
#pragma once

#include <functional>
#include <memory>
#include <thread>
#include <variant>

#include "central/api/api.h"
#include "daemon/asio.h"
#include "daemon/central_api/body_budget.h"
#include "daemon/central_api/read_pool.h"

namespace costgate::daemon::central_api {

class ApiService {
 public:
  // `api` (over the store's writer) must outlive the service. With `reads`, routes of
  // RouteKind::kRead run there instead of on the API thread.
  explicit ApiService(central::Api& api, std::unique_ptr<ReadPool> reads = nullptr);
  ~ApiService();  // stops and joins the thread
  ApiService(const ApiService&) = delete;
  ApiService& operator=(const ApiService&) = delete;

  // Runs api.Admit(head) on the API thread (on the caller's when it touches no store:
  // central::Api::AdmitsWithoutStore); resumes the caller on its own executor. The head's
  // views must stay valid until the call returns.
  Awaitable<std::variant<central::Admission, central::ApiResponse>> Admit(
      const central::ApiHead& head);
  // Runs api.Handle(request, admission) on the API thread, likewise; a route that touches no
  // store (RouteKind::kNoStore: static files) runs on the caller's thread instead.
  Awaitable<central::ApiResponse> Handle(const central::ApiRequest& request,
                                         const central::Admission& admission);
  // The next part of a streamed response body (central/api/body_stream.h), made on a thread
  // kept for streams, so neither the caller's event loop nor the store's writer waits while
  // the rows are read.
  Awaitable<central::BodyStream::Part> NextPart(central::BodyStream& stream, std::string& out,
                                                size_t target_bytes);
  // The same for a caller on a thread of its own (not an event loop): blocks until answered.
  central::ApiResponse HandleNow(const central::ApiRequest& request,
                                 const central::Admission& admission);
  // Runs `job` on the API thread, the store's one writer, and blocks until it returns: for a
  // thread of central's own that writes the store (the alert sender). An exception `job` throws
  // is rethrown here.
  void RunNow(const std::function<void()>& job);

  const central::ApiLimits& limits() const { return api_.limits(); }
  // The memory all request bodies share (central.max_buffered_body_bytes).
  BodyBudget& body_budget() { return body_budget_; }

 private:
  central::Api& api_;
  std::unique_ptr<ReadPool> reads_;  // null: reads run on the API thread too
  BodyBudget body_budget_;
  asio::io_context io_{1};
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
  asio::io_context streams_io_{1};
  asio::executor_work_guard<asio::io_context::executor_type> streams_work_;
  std::thread streams_thread_;
};

}  // namespace costgate::daemon::central_api
