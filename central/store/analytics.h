// What the analytics API asks a store: sums of usage measures over a time range, filtered and
// grouped by the events' dimensions, and pages of raw events for drill-down. A store answers
// from rollups kept on ingest (rollup tables in SQLite) so that the sums are exact to the
// pico-dollar for any range while the common views never read raw events.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/store/event.h"

namespace costgate::central {

// The 13 dimensions an event is sliced by, in the order of the rollup tables' key columns.
enum class Dimension : uint8_t {
  kWorkspace,
  kTeam,
  kProject,
  kSourceApp,
  kEnvironment,
  kUser,
  kJob,
  kFeature,
  kProvider,
  kModel,
  kOperation,
  kOutcome,
  kPod,
};
inline constexpr size_t kDimensionCount = 13;

// The API's name of a dimension ("outcome"), and its column in the events and rollup tables
// ("status": the events table's name for the outcome).
std::string_view DimensionName(Dimension d);
std::string_view DimensionColumn(Dimension d);
std::optional<Dimension> DimensionNamed(std::string_view name);
// The event's label of the dimension ("" = Unassigned / none).
const std::string& DimensionOf(const Event& event, Dimension d);
// user, job, feature and pod: the labels with many values, left out of the core day rollup.
bool IsHighCardinality(Dimension d);

// Sums over events. cost_pico is central's cost (an unpriced call counts 0).
struct AnalyticsMeasures {
  int64_t cost_pico = 0;
  int64_t calls = 0;
  int64_t errors = 0;  // status != success
  int64_t unpriced_calls = 0;
  int64_t estimated_calls = 0;  // units estimated by the proxy, not reported by the provider
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t cached_tokens = 0;
  int64_t thinking_tokens = 0;
  int64_t characters = 0;
  int64_t credits = 0;
  int64_t audio_ms = 0;

  // input + output + thinking (cached tokens are inside input: AddUnitToMeasures).
  int64_t tokens() const { return input_tokens + output_tokens + thinking_tokens; }
  AnalyticsMeasures& operator+=(const AnalyticsMeasures& other);
  friend bool operator==(const AnalyticsMeasures&, const AnalyticsMeasures&) = default;
};

// The measures' names in the rollup tables, in the order of AnalyticsMeasures' members, and
// the members themselves: one list for the SQL and the code that reads and writes rows.
inline constexpr size_t kMeasureCount = 12;
extern const std::array<std::string_view, kMeasureCount> kMeasureColumns;
extern const std::array<int64_t AnalyticsMeasures::*, kMeasureCount> kMeasureMembers;

// Adds one unit of a call to the measures it counts in (the one mapping from unit names to
// measures; analytics_measures.cpp states the rule). Other units are left out.
void AddUnitToMeasures(AnalyticsMeasures& m, std::string_view unit, int64_t value);
// The measures of one event: one call, its cost, outcome and units.
AnalyticsMeasures MeasuresOf(const Event& event);

// Equality (one value) or IN (several) on one dimension.
struct AnalyticsFilter {
  Dimension dimension = Dimension::kWorkspace;
  std::vector<std::string> values;
};

// Sums over the events whose start_unix_ms is in [from, to) and that pass every filter,
// grouped by `group_by` (none: one row).
// Unpriced events of one provider and model with one stored reason (Store::CountUnpricedReasons).
struct UnpricedReasonCount {
  std::string provider;
  std::string model;
  std::string reason;  // Event::unpriced_reason: "unknown_model", "no_rate", ...
  int64_t calls = 0;
  friend bool operator==(const UnpricedReasonCount&, const UnpricedReasonCount&) = default;
};

struct AnalyticsQuery {
  int64_t from_unix_ms = 0;
  int64_t to_unix_ms = 0;
  std::vector<AnalyticsFilter> filters;
  std::vector<Dimension> group_by;
};

struct AnalyticsRow {
  std::vector<std::string> keys;  // one per group_by dimension, in its order
  AnalyticsMeasures measures;
};

// Where a page of events (newest first) continues: before this event in (start, event_id)
// order.
struct EventCursor {
  int64_t start_unix_ms = 0;
  std::string event_id;
};

struct EventPageQuery {
  int64_t from_unix_ms = 0;
  int64_t to_unix_ms = 0;
  std::vector<AnalyticsFilter> filters;
  int64_t limit = 100;
  std::optional<EventCursor> after;
};

}  // namespace costgate::central
