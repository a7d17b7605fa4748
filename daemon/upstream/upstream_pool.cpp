#include "daemon/upstream/upstream_pool.h"

#include <sys/socket.h>

#include <cerrno>

namespace costgate::daemon::upstream {

namespace {

constexpr std::chrono::milliseconds kTrustedIdle{1000};

// An idle connection must have nothing to read: readable means the peer closed it (EOF, a TLS
// close_notify) or sent something unsolicited. Either way it cannot carry a new request.
bool LooksAlive(UpstreamConnection& conn) {
  auto& socket = conn.stream.next_layer();
  if (!socket.is_open()) {
    return false;
  }
  char byte;
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace

std::unique_ptr<UpstreamConnection> UpstreamPool::TakeIdle(const UpstreamTarget& target,
                                                           Clock::time_point now) {
  auto it = idle_.find(target.pool_key);
  if (it == idle_.end()) {
    return nullptr;
  }
  auto& stack = it->second;
  while (!stack.empty()) {
    std::unique_ptr<UpstreamConnection> conn = std::move(stack.back());
    stack.pop_back();
    // The liveness probe is a system call; a connection that carried a response moments ago
    // cannot have been closed by the server's idle timer, so only older ones are probed.
    const auto idle_for = now - conn->idle_since;
    if (conn->generation == target.generation && idle_for < target.idle_timeout &&
        (idle_for < kTrustedIdle || LooksAlive(*conn))) {
      return conn;
    }
    error_code ignored;
    conn->stream.next_layer().close(ignored);
  }
  return nullptr;
}

void UpstreamPool::GiveBack(const UpstreamTarget& target, std::unique_ptr<UpstreamConnection> conn,
                            Clock::time_point now) {
  // An unpooled target (max_idle_connections 0) leaves no empty entry behind.
  if (target.max_idle_connections == 0 || conn->generation != target.generation) {
    error_code ignored;
    conn->stream.next_layer().close(ignored);
    return;
  }
  auto& stack = idle_[target.pool_key];
  if (stack.size() >= target.max_idle_connections) {
    error_code ignored;
    conn->stream.next_layer().close(ignored);
    return;
  }
  conn->idle_since = now;
  stack.push_back(std::move(conn));
}

size_t UpstreamPool::idle_count() const {
  size_t n = 0;
  for (const auto& [name, stack] : idle_) {
    n += stack.size();
  }
  return n;
}

void UpstreamPool::CloseAll() {
  for (auto& [name, stack] : idle_) {
    for (auto& conn : stack) {
      error_code ignored;
      conn->stream.next_layer().close(ignored);
    }
  }
  idle_.clear();
}

}  // namespace costgate::daemon::upstream
