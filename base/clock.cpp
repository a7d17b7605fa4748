#include "base/clock.h"

#include <chrono>

namespace costgate::base {

int64_t NowUnixMs() noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace costgate::base
