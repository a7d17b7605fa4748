#include "daemon/server/connection_slots.h"

#include <chrono>
#include <memory>
#include <string>

#include "daemon/server/worker.h"

namespace costgate::daemon::server {
namespace {

constexpr auto kLinger = std::chrono::seconds(1);
constexpr size_t kMaxDiscardBytes = 64 * 1024;

Awaitable<void> Linger(Worker& worker, std::shared_ptr<tcp::socket> socket) {
  asio::steady_timer deadline(socket->get_executor(), kLinger);
  deadline.async_wait([socket](const error_code& ec) {
    if (!ec) {
      error_code ignored;
      socket->cancel(ignored);
    }
  });
  char discard[4096];
  size_t total = 0;
  while (total < kMaxDiscardBytes) {
    error_code ec;
    const size_t n = co_await socket->async_read_some(asio::buffer(discard), Await(ec));
    if (ec) {
      break;
    }
    total += n;
  }
  deadline.cancel();
  error_code ignored;
  socket->close(ignored);
  worker.EndLinger();
}

}  // namespace

void TurnAway(Worker& worker, tcp::socket socket) {
  worker.services().metrics.CountLocalReply("overloaded");
  const std::string answer = worker.handler().ErrorResponse(
      503, "overloaded",
      "costgate: too many open connections (limits.max_connections); retry shortly", true, "1");
  error_code ec;
  socket.non_blocking(true, ec);
  socket.write_some(asio::buffer(answer), ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  if (!worker.BeginLinger()) {
    socket.close(ec);
    return;
  }
  auto shared = std::make_shared<tcp::socket>(std::move(socket));
  asio::co_spawn(shared->get_executor(), Linger(worker, shared), asio::detached);
}

}  // namespace costgate::daemon::server
