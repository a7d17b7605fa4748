#include "daemon/central_api/read_pool.h"

#include <exception>

#include "central/api/api_error.h"
#include "central/store/open_store.h"

namespace costgate::daemon::central_api {

std::variant<std::unique_ptr<ReadPool>, std::string> ReadPool::Open(
    const config::StoreLocation& location, int threads, pricing::PriceBookHolder& prices,
    central::ApiLimits limits, const central::StaticFiles* static_files) {
  std::unique_ptr<ReadPool> pool(new ReadPool());
  for (int i = 0; i < threads; ++i) {
    auto opened = central::OpenReadOnlyStore(location);
    if (auto* error = std::get_if<central::StoreError>(&opened)) {
      return "cannot open a reader of the central store " + location.path + ": " + error->message;
    }
    auto reader = std::make_unique<Reader>();
    reader->store = std::move(std::get<std::unique_ptr<central::Store>>(opened));
    reader->api = std::make_unique<central::Api>(*reader->store, prices, limits, static_files);
    Reader* r = reader.get();
    reader->thread = std::thread([r] { r->io.run(); });
    pool->readers_.push_back(std::move(reader));
  }
  return pool;
}

ReadPool::~ReadPool() {
  for (auto& r : readers_) {
    r->work.reset();
    r->io.stop();
  }
  for (auto& r : readers_) {
    r->thread.join();
  }
}

Awaitable<central::ApiResponse> ReadPool::Handle(const central::ApiRequest& request,
                                                 const central::Admission& admission) {
  Reader& reader = *readers_[next_.fetch_add(1, std::memory_order_relaxed) % readers_.size()];
  // As ApiService::Handle: the answer comes back through the caller's executor, and an exception
  // (out of memory, mostly) fails the request alone.
  co_return co_await asio::co_spawn(
      reader.io,
      [&reader, &request, &admission]() -> Awaitable<central::ApiResponse> {
        try {
          co_return reader.api->Handle(request, admission);
        } catch (const std::exception&) {
          co_return central::ErrorResponse(500, "internal", "central could not handle the request");
        }
      },
      asio::use_awaitable);
}

}  // namespace costgate::daemon::central_api
