// The analytics API's instants and calendar buckets in a time zone: `from`/`to` as RFC 3339
// timestamps or dates, and the hour/day/week/month buckets of a timeseries (DST-correct: a
// day is 23 or 25 hours on a change day).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "central/budgets/time_zone.h"

namespace costgate::central {

// "2026-12-01T00:00:00Z", "2026-12-01T00:00:00.250+01:00" (RFC 3339, fraction up to ms), or a
// date "2026-12-01" meaning its local midnight in `zone`. nullopt when malformed.
std::optional<int64_t> ParseInstant(std::string_view text, const budgets::TimeZone& zone);

// The first instant of the local month holding `unix_ms`.
int64_t StartOfLocalMonth(int64_t unix_ms, const budgets::TimeZone& zone);

enum class BucketKind { kHour, kDay, kWeek, kMonth };
std::optional<BucketKind> BucketNamed(std::string_view name);

// The starts of the buckets covering [from, to), then the end of the last: the first start is
// the bucket holding `from` (at or before it), the last entry at or after `to`. Weeks start on
// Monday. Hours are local hours (whole hours of local time).
std::vector<int64_t> BucketEdges(int64_t from_unix_ms, int64_t to_unix_ms, BucketKind kind,
                                 const budgets::TimeZone& zone);

}  // namespace costgate::central
