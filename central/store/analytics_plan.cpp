#include "central/store/analytics_plan.h"

#include "central/budgets/civil_date.h"

namespace costgate::central {
namespace {

constexpr int64_t kHourMs = 3'600'000;

int64_t FloorHour(int64_t ms) { return budgets::FloorDiv(ms, kHourMs) * kHourMs; }
int64_t CeilHour(int64_t ms) { return -FloorHour(-ms); }

int64_t DayStartMs(int64_t day_number, const budgets::TimeZone& zone) {
  return zone.StartOfLocalDay(budgets::CivilFromDays(day_number)) * 1000;
}

int64_t DayNumberAt(int64_t ms, const budgets::TimeZone& zone) {
  return budgets::DaysFromCivil(zone.LocalDateAt(budgets::FloorDiv(ms, 1000)));
}

// [from, to) as whole UTC hours and the raw edges beside them.
void PlanHours(int64_t from, int64_t to, RangePlan& plan) {
  if (from >= to) {
    return;
  }
  const int64_t first = CeilHour(from);
  const int64_t last = FloorHour(to);
  if (first >= last) {
    plan.raw.push_back({from, to});
    return;
  }
  if (from < first) {
    plan.raw.push_back({from, first});
  }
  plan.hours.push_back({first, last});
  if (last < to) {
    plan.raw.push_back({last, to});
  }
}

}  // namespace

RangePlan PlanRange(int64_t from_unix_ms, int64_t to_unix_ms, const budgets::TimeZone& day_zone) {
  RangePlan plan;
  if (from_unix_ms >= to_unix_ms) {
    return plan;
  }
  // The first day starting at or after `from`, and the first day whose end is after `to`.
  int64_t first_day = DayNumberAt(from_unix_ms, day_zone);
  if (DayStartMs(first_day, day_zone) < from_unix_ms) {
    ++first_day;
  }
  int64_t end_day = DayNumberAt(to_unix_ms, day_zone);
  while (end_day > first_day && DayStartMs(end_day, day_zone) > to_unix_ms) {
    --end_day;
  }
  const int64_t days_from = DayStartMs(first_day, day_zone);
  const int64_t days_to = DayStartMs(end_day, day_zone);
  if (first_day < end_day && days_from < days_to) {
    plan.days = TimeSpan{days_from, days_to};
    PlanHours(from_unix_ms, days_from, plan);
    PlanHours(days_to, to_unix_ms, plan);
  } else {
    PlanHours(from_unix_ms, to_unix_ms, plan);
  }
  return plan;
}

TimeSpan WidenOverEmptyEdges(TimeSpan range, const budgets::TimeZone* day_zone,
                             const HasEventsIn& has_events) {
  if (range.from_unix_ms >= range.to_unix_ms) {
    return range;
  }
  // The boundaries to try at each edge, widest first: the day's, then the hour's.
  int64_t from_candidates[2] = {FloorHour(range.from_unix_ms), FloorHour(range.from_unix_ms)};
  int64_t to_candidates[2] = {CeilHour(range.to_unix_ms), CeilHour(range.to_unix_ms)};
  if (day_zone != nullptr) {
    from_candidates[0] = DayStartMs(DayNumberAt(range.from_unix_ms, *day_zone), *day_zone);
    const int64_t last_day = DayNumberAt(range.to_unix_ms - 1, *day_zone);
    to_candidates[0] = DayStartMs(last_day + 1, *day_zone);
  }
  TimeSpan wide = range;
  for (int64_t from : from_candidates) {
    if (from < range.from_unix_ms && !has_events({from, range.from_unix_ms})) {
      wide.from_unix_ms = from;
      break;
    }
  }
  for (int64_t to : to_candidates) {
    if (to > range.to_unix_ms && !has_events({range.to_unix_ms, to})) {
      wide.to_unix_ms = to;
      break;
    }
  }
  return wide;
}

RangePlan PlanHourRange(int64_t from_unix_ms, int64_t to_unix_ms) {
  RangePlan plan;
  PlanHours(from_unix_ms, to_unix_ms, plan);
  return plan;
}

}  // namespace costgate::central
