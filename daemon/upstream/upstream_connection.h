// One TLS connection to an upstream, owned by one request at a time or by the pool.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>

#include "daemon/asio.h"

namespace costgate::daemon::upstream {

struct UpstreamConnection {
  UpstreamConnection(const asio::any_io_executor& executor, ssl::context& tls)
      : stream(executor, tls) {}

  ssl::stream<tcp::socket> stream;
  std::array<char, 16 * 1024> read_buffer;  // one TLS record's worth of plaintext
  std::chrono::steady_clock::time_point idle_since{};
  uint64_t generation = 0;
};

}  // namespace costgate::daemon::upstream
