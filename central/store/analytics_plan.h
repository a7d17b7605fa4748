// How a store answers a range [from, to) exactly from rollups: whole local days (in the zone the
// day rollups were built in) from the day tables, the whole UTC hours left from the hour table,
// and the sub-hour edges left from raw events. The parts are disjoint and cover the range, so a
// sum over them is the sum over the events of the range, to the pico-dollar, for any range.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "central/budgets/time_zone.h"

namespace costgate::central {

struct TimeSpan {
  int64_t from_unix_ms = 0;  // inclusive
  int64_t to_unix_ms = 0;    // exclusive
  friend bool operator==(const TimeSpan&, const TimeSpan&) = default;
};

struct RangePlan {
  std::optional<TimeSpan> days;  // from a day's start to a day's start
  std::vector<TimeSpan> hours;   // each from an hour's start to an hour's start
  std::vector<TimeSpan> raw;     // what is left, under an hour at each edge
};

RangePlan PlanRange(int64_t from_unix_ms, int64_t to_unix_ms, const budgets::TimeZone& day_zone);
// The same range without days: whole UTC hours and the raw edges, for what no day table holds.
RangePlan PlanHourRange(int64_t from_unix_ms, int64_t to_unix_ms);

// Whether any stored event starts in `span` (a probe of the start-time index).
using HasEventsIn = std::function<bool(const TimeSpan&)>;
// The range stretched, at each edge, to the boundary of the local day (with `day_zone`) or else
// of the UTC hour around it when the stretch holds no event: the same events, so the same sums,
// read from whole days or hours instead of raw rows. What makes the common views cheap: a range
// that ends now (month to date, the last 30 days) has no event after its end, so today is read
// as a whole day of the day table, not as hours and a raw edge. Without `day_zone`, hours only.
TimeSpan WidenOverEmptyEdges(TimeSpan range, const budgets::TimeZone* day_zone,
                             const HasEventsIn& has_events);

}  // namespace costgate::central
