#include "daemon/shipper/ship_policy.h"

#include <algorithm>

namespace costgate::daemon::shipper {

Millis ShipDelay(size_t count, size_t batch_limit, int64_t oldest_end_ms, int64_t now_ms,
                 Millis batch_age) {
  if (count == 0) {
    return batch_age;
  }
  if (count >= batch_limit) {
    return Millis(0);
  }
  const int64_t age_ms = now_ms - oldest_end_ms;
  if (age_ms >= batch_age.count()) {
    return Millis(0);
  }
  return std::min(batch_age, Millis(batch_age.count() - age_ms));
}

Failure ClassifyFailure(long status) {
  if (status == 0 || status >= 500 || status == 408 || status == 429) {
    return Failure::kRetry;
  }
  if (status == 413) {
    return Failure::kTooLarge;
  }
  return Failure::kRefused;
}

Millis BackoffCeiling(uint32_t attempt, Millis first, Millis max) {
  Millis ceiling = std::min(first, max);
  for (uint32_t i = 1; i < attempt && ceiling < max; ++i) {
    ceiling = std::min(ceiling * 2, max);
  }
  return ceiling;
}

Millis JitteredBackoff(uint32_t attempt, Millis first, Millis max, uint64_t random) {
  const auto ceiling = static_cast<uint64_t>(BackoffCeiling(attempt, first, max).count());
  return Millis(static_cast<int64_t>(random % (ceiling + 1)));
}

Millis BacklogCountInterval(uint64_t backlog) {
  constexpr uint64_t kRowsPerMs = 1'000;  // 1 s per million rows: about 5 % of the writer
  return std::max(Millis(1'000), Millis(static_cast<int64_t>(backlog / kRowsPerMs)));
}

size_t HalvedBatchLimit(size_t limit) { return std::max<size_t>(1, limit / 2); }

}  // namespace costgate::daemon::shipper
