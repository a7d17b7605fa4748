// Awaiting a filters::Task from the connection's Asio coroutine.
//
// A ready Task is not awaited at all: callers take value() when ready() (the synchronous
// filters' path) and call Wait only otherwise. Wait starts the Task with a Post that posts to the
// connection's executor, so a filter suspended on an Answer resumes there whatever thread
// delivered it, and the connection's coroutine continues there when the Task has finished.
//
// While it waits, the coroutine is parked on a timer that never fires on its own: an operation
// the io_context owns, like a pending socket read. A daemon stop that destroys the io_context
// therefore destroys this frame, the Task and the filter's suspended frame with it, and the
// session's completion still runs (daemon/proxy/proxy_exchange.h).
#pragma once

#include <functional>
#include <utility>

#include "daemon/asio.h"
#include "filters/task.h"

namespace costgate::daemon::proxy {

template <typename T>
Awaitable<T> Wait(filters::Task<T> task) {
  const auto executor = co_await asio::this_coro::executor;
  asio::steady_timer wake(executor, asio::steady_timer::time_point::max());
  bool finished = false;
  // `done` runs on this executor: inline from Start, or from a posted resumption while this
  // coroutine waits on `wake` below.
  task.Start([executor](std::function<void()> work) { asio::post(executor, std::move(work)); },
             [&finished, &wake] {
               finished = true;
               wake.cancel();
             });
  if (!finished) {
    error_code cancelled;  // the only way the wait ends
    co_await wake.async_wait(Await(cancelled));
  }
  co_return task.value();
}

}  // namespace costgate::daemon::proxy
