#include "daemon/http/body_pace.h"

#include <limits>

namespace costgate::daemon::http {

BodyPace::Duration BodyPace::Remaining() const noexcept {
  using std::chrono::seconds;
  // Whole seconds first, then the remainder: bytes * 1 s would overflow for large bodies.
  constexpr auto kMaxSeconds = std::chrono::duration_cast<seconds>(Duration::max()).count() / 2;
  const uint64_t whole = bytes_ / bytes_per_second_;
  if (whole >= static_cast<uint64_t>(kMaxSeconds)) {
    return Duration::max() / 2;
  }
  const Duration earned =
      seconds(static_cast<int64_t>(whole)) + std::chrono::duration_cast<Duration>(seconds(1)) *
                                                 static_cast<int64_t>(bytes_ % bytes_per_second_) /
                                                 static_cast<int64_t>(bytes_per_second_);
  return allowance_ + earned - waited_;
}

}  // namespace costgate::daemon::http
