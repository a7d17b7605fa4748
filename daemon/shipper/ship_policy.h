// The shipper's decisions as pure functions: when a batch is worth sending, what a failed
// attempt calls for, and how long to back off. Time and randomness are parameters.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace costgate::daemon::shipper {

using Millis = std::chrono::milliseconds;

// How long to wait before sending `count` receipts, the oldest of which ended at
// `oldest_end_ms` (unix ms), when a request takes up to `batch_limit`: zero (send now) for a full
// batch or one whose oldest receipt has waited batch_age; otherwise what is left of batch_age,
// never more than batch_age (a clock that stepped back included). Nothing to send: batch_age.
Millis ShipDelay(size_t count, size_t batch_limit, int64_t oldest_end_ms, int64_t now_ms,
                 Millis batch_age);

enum class Failure {
  kRetry,     // no answer, 5xx, 408, 429: may succeed soon; exponential backoff
  kRefused,   // any other status: will not succeed as is; log loudly, retry at the ceiling
  kTooLarge,  // 413: as kRefused, and the batch is halved
};

// What an attempt that did not end in 200 calls for; `status` 0: no HTTP answer.
Failure ClassifyFailure(long status);

// The ceiling of the delay before retry number `attempt` (1 = the first retry): `first`
// doubled attempt-1 times, capped at `max`.
Millis BackoffCeiling(uint32_t attempt, Millis first, Millis max);

// Full jitter: a delay spread evenly over [0, BackoffCeiling(attempt, first, max)] by `random`
// (a uniformly random 64-bit value), so proxies that failed together do not retry together.
Millis JitteredBackoff(uint32_t attempt, Millis first, Millis max, uint64_t random);

// How long to wait before counting the backlog again, given the last count: a second, or longer
// for a large backlog, since a count scans the unshipped index on the writer thread (about
// 50 ms per million rows) and must not take more than a few percent of that thread.
Millis BacklogCountInterval(uint64_t backlog);

// The batch limit after central answered 413: halved, at least 1.
size_t HalvedBatchLimit(size_t limit);

}  // namespace costgate::daemon::shipper
