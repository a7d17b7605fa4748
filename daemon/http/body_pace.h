// How long a request body may keep a connection waiting.
//
// A body gets an allowance (timeouts.request_body) plus one second for every `bytes_per_second`
// bytes it delivers (Apache mod_reqtimeout's MinRate): a large upload at any sane rate is never
// cut off, a trickle of a byte every few seconds is, however long the gaps between reads are
// allowed to be. Only the time spent waiting for the client counts: time the proxy spends
// writing the body to a slow upstream is not the client's fault. Pure: the caller measures.
#pragma once

#include <chrono>
#include <cstdint>

namespace costgate::daemon::http {

class BodyPace {
 public:
  using Duration = std::chrono::steady_clock::duration;

  // `bytes_per_second` must be > 0 (config guarantees it).
  BodyPace(Duration allowance, uint64_t bytes_per_second) noexcept
      : allowance_(allowance), bytes_per_second_(bytes_per_second) {}

  // One wait for the client lasted `waited` and delivered `bytes` (0 when it ended in error).
  void Record(Duration waited, uint64_t bytes) noexcept {
    waited_ += waited;
    bytes_ += bytes;
  }

  // How long the next wait may last; zero or less when the body is already too slow.
  Duration Remaining() const noexcept;

 private:
  Duration allowance_;
  uint64_t bytes_per_second_;
  Duration waited_{};
  uint64_t bytes_ = 0;
};

}  // namespace costgate::daemon::http
