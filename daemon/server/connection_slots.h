// The open client connections of one listener, over all its workers.
//
// A connection beyond limits.max_connections is turned away at once (TurnAway, below) instead
// of taking a connection's memory and a descriptor: an overload limit in the spirit of Envoy's
// downstream connection limit. A slot is taken when a connection is accepted and given back when
// it is destroyed, so the count covers connections in every state.
#pragma once

#include <atomic>
#include <cstdint>

#include "daemon/asio.h"

namespace costgate::daemon::server {

class Worker;

class ConnectionSlots {
 public:
  // Takes a slot unless `max` are taken; thread-safe.
  bool TryTake(uint32_t max) noexcept {
    if (open_.fetch_add(1, std::memory_order_relaxed) < max) {
      return true;
    }
    open_.fetch_sub(1, std::memory_order_relaxed);
    return false;
  }
  void Give() noexcept { open_.fetch_sub(1, std::memory_order_relaxed); }
  uint32_t open() const noexcept { return open_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint32_t> open_{0};
};

// Answers a connection over the limit with 503, Retry-After and Connection: close, without
// reading a request, then closes it. The answer is written at once (a fresh socket's buffer
// takes it whole); the close lingers up to a second, discarding what the client sends, so that
// a request already on its way does not turn the close into a reset that would eat the answer.
// At most kMaxLingering connections linger per worker; beyond that they are closed at once.
void TurnAway(Worker& worker, tcp::socket socket);

inline constexpr int kMaxLingering = 256;

}  // namespace costgate::daemon::server
