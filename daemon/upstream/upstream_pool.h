// Idle keep-alive connections to upstreams, one pool per worker thread (no locking).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/upstream/upstream_connection.h"
#include "daemon/upstream/upstream_target.h"

namespace costgate::daemon::upstream {

class UpstreamPool {
 public:
  using Clock = std::chrono::steady_clock;

  // The most recently used idle connection that is still usable, or nullptr. Connections that
  // are too old, from an older config generation, or closed by the peer are dropped.
  std::unique_ptr<UpstreamConnection> TakeIdle(const UpstreamTarget& target, Clock::time_point now);

  // Keeps a connection whose last response ended cleanly with keep-alive.
  void GiveBack(const UpstreamTarget& target, std::unique_ptr<UpstreamConnection> conn,
                Clock::time_point now);

  size_t idle_count() const;
  void CloseAll();

 private:
  std::unordered_map<std::string, std::vector<std::unique_ptr<UpstreamConnection>>> idle_;
};

}  // namespace costgate::daemon::upstream
