#include "daemon/server/api_service.h"

#include <exception>

#include "central/api/api_error.h"

namespace costgate::daemon::server {

ApiService::ApiService(central::Api& api, ApiLimits limits)
    : api_(api),
      limits_(limits),
      work_(asio::make_work_guard(io_)),
      thread_([this] { io_.run(); }) {}

ApiService::~ApiService() {
  work_.reset();
  io_.stop();
  thread_.join();
}

Awaitable<central::ApiResponse> ApiService::Handle(const central::ApiRequest& request) {
  // co_spawn delivers the result through the awaiting coroutine's executor: the handler runs on
  // the API thread and the connection resumes on its worker.
  co_return co_await asio::co_spawn(
      io_,
      [this, &request]() -> Awaitable<central::ApiResponse> {
        try {
          co_return api_.Handle(request);
        } catch (const std::exception& e) {
          // Out of memory, mostly: the request fails, the process and the store carry on.
          co_return central::ApiResponse{
              500,
              R"({"error":{"code":"internal","message":"central could not handle the request"}})"};
        }
      },
      asio::use_awaitable);
}

}  // namespace costgate::daemon::server
