// Central's reads on a few threads of their own, each with its own read-only connection to the
// store and its own central::Api over it: a read (GET /v1/health today, the analytics views
// next) never waits behind the writer's batches, and writes stay on the one writer thread
// (api_service.h).
//
// The WAL-reset caveat of ARCHITECTURE.md (SQLite before 3.51.3 can corrupt a WAL database when
// two connections write or checkpoint at the same moment) still holds with readers: they open
// with SQLITE_OPEN_READONLY and checkpoint-on-close off (central/store/open_store.h,
// sqlite/open.h), so they can neither write nor checkpoint, and the writer stays the only
// connection that does either.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "central/api/api.h"
#include "central/api/static_files.h"
#include "config/config.h"
#include "daemon/asio.h"
#include "pricing/book_holder.h"

namespace costgate::daemon::central_api {

class ReadPool {
 public:
  // Opens `threads` (>= 1) read-only connections to the store at `location` (after the writer
  // has created it) and starts a thread for each. `prices` and `static_files` outlive the pool.
  // An error names the store and the reason.
  static std::variant<std::unique_ptr<ReadPool>, std::string> Open(
      const config::StoreLocation& location, int threads, pricing::PriceBookHolder& prices,
      central::ApiLimits limits, const central::StaticFiles* static_files);
  ~ReadPool();  // stops and joins the threads
  ReadPool(const ReadPool&) = delete;
  ReadPool& operator=(const ReadPool&) = delete;

  // Runs api.Handle(request, admission) of the next reader (round robin) on its thread and
  // resumes the caller on its own executor. `admission` is of a RouteKind::kRead route.
  Awaitable<central::ApiResponse> Handle(const central::ApiRequest& request,
                                         const central::Admission& admission);

  size_t size() const { return readers_.size(); }

 private:
  struct Reader {
    std::unique_ptr<central::Store> store;
    std::unique_ptr<central::Api> api;
    asio::io_context io{1};
    asio::executor_work_guard<asio::io_context::executor_type> work{asio::make_work_guard(io)};
    std::thread thread;
  };

  ReadPool() = default;

  std::vector<std::unique_ptr<Reader>> readers_;
  std::atomic<size_t> next_{0};
};

}  // namespace costgate::daemon::central_api
