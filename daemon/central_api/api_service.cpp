#include "daemon/central_api/api_service.h"

#include <exception>
#include <future>

#include "central/api/api_error.h"

namespace costgate::daemon::central_api {
namespace {

central::ApiResponse InternalError() {
  return central::ErrorResponse(500, "internal", "central could not handle the request");
}

}  // namespace

ApiService::ApiService(central::Api& api, std::unique_ptr<ReadPool> reads)
    : api_(api),
      reads_(std::move(reads)),
      body_budget_(api.limits().max_buffered_body_bytes),
      work_(asio::make_work_guard(io_)),
      thread_([this] { io_.run(); }),
      streams_work_(asio::make_work_guard(streams_io_)),
      streams_thread_([this] { streams_io_.run(); }) {}

ApiService::~ApiService() {
  streams_work_.reset();
  streams_io_.stop();
  streams_thread_.join();
  work_.reset();
  io_.stop();
  thread_.join();
}

// co_spawn delivers the result through the awaiting coroutine's executor: Admit and Handle run
// on the API thread and the connection resumes on its worker. An exception (out of memory,
// mostly) fails the request; the process and the store carry on.

Awaitable<std::variant<central::Admission, central::ApiResponse>> ApiService::Admit(
    const central::ApiHead& head) {
  using Admitted = std::variant<central::Admission, central::ApiResponse>;
  if (central::Api::AdmitsWithoutStore(head)) {
    // Health, static files and refusals never wait behind the writer's batches.
    try {
      co_return api_.Admit(head);
    } catch (const std::exception&) {
      co_return InternalError();
    }
  }
  co_return co_await asio::co_spawn(
      io_,
      [this, &head]() -> Awaitable<Admitted> {
        try {
          co_return api_.Admit(head);
        } catch (const std::exception&) {
          co_return InternalError();
        }
      },
      asio::use_awaitable);
}

Awaitable<central::ApiResponse> ApiService::Handle(const central::ApiRequest& request,
                                                   const central::Admission& admission) {
  if (admission.kind == central::RouteKind::kNoStore) {
    // Static files: read on the connection's worker, never queued behind the store's writes.
    try {
      co_return api_.Handle(request, admission);
    } catch (const std::exception&) {
      co_return InternalError();
    }
  }
  if (admission.kind == central::RouteKind::kRead && reads_ != nullptr) {
    co_return co_await reads_->Handle(request, admission);
  }
  co_return co_await asio::co_spawn(
      io_,
      [this, &request, &admission]() -> Awaitable<central::ApiResponse> {
        try {
          co_return api_.Handle(request, admission);
        } catch (const std::exception&) {
          co_return InternalError();
        }
      },
      asio::use_awaitable);
}

Awaitable<central::BodyStream::Part> ApiService::NextPart(central::BodyStream& stream,
                                                          std::string& out, size_t target_bytes) {
  co_return co_await asio::co_spawn(
      streams_io_,
      [&stream, &out, target_bytes]() -> Awaitable<central::BodyStream::Part> {
        try {
          co_return stream.Next(out, target_bytes);
        } catch (const std::exception&) {
          co_return central::BodyStream::Part::kFailed;
        }
      },
      asio::use_awaitable);
}

central::ApiResponse ApiService::HandleNow(const central::ApiRequest& request,
                                           const central::Admission& admission) {
  std::promise<central::ApiResponse> answer;
  asio::post(io_, [this, &request, &admission, &answer] {
    try {
      answer.set_value(api_.Handle(request, admission));
    } catch (const std::exception&) {
      answer.set_value(InternalError());
    }
  });
  return answer.get_future().get();
}

void ApiService::RunNow(const std::function<void()>& job) {
  std::promise<void> done;
  asio::post(io_, [&job, &done] {
    try {
      job();
      done.set_value();
    } catch (...) {
      done.set_exception(std::current_exception());
    }
  });
  done.get_future().get();
}

}  // namespace costgate::daemon::central_api
