// The parameters every analytics route shares (../notes: the issue 15 API contract): the range
// [from, to), the time zone and the dimension filters, read from the query and checked, and the
// shared pieces of their answers.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "central/api/handlers.h"
#include "central/budgets/time_zone.h"
#include "central/store/analytics.h"

namespace costgate::central {

// Ranges longer than this are refused: the views are for a year and a bit at most.
inline constexpr int64_t kMaxAnalyticsRangeMs = 400LL * 86'400'000;

struct AnalyticsRequest {
  int64_t from_unix_ms = 0;
  int64_t to_unix_ms = 0;
  const budgets::TimeZone* zone = nullptr;  // owned by the call's ZoneCache
  std::vector<AnalyticsFilter> filters;
};

// from, to (RFC 3339 or a date in tz; defaults: the start of the local month holding `to`, and
// now),
// tz (default: the store's analytics zone, central.time_zone) and a filter per dimension named
// (repeated: IN). A parameter neither these nor one of `own` (the route's) is a 400 naming it,
// as is a malformed value, from >= to, or a range over 400 days.
std::variant<AnalyticsRequest, ApiResponse> ReadAnalyticsRequest(
    const Call& call, std::initializer_list<std::string_view> own);

// The route's `name` parameter as a dimension; 400 naming it when absent or unknown.
std::variant<Dimension, ApiResponse> ReadDimension(const Query& query, std::string_view name);

// A measure to rank or pivot by: cost (pico-USD), calls, tokens or characters.
using RankMeasure = int64_t (*)(const AnalyticsMeasures&);
// The route's `name` parameter as a RankMeasure ("cost" when absent); 400 naming it when unknown.
std::variant<RankMeasure, ApiResponse> ReadRankMeasure(const Query& query, std::string_view name);

// Store::Aggregate over the request's range and filters; 503 when the store fails.
std::variant<std::vector<AnalyticsRow>, ApiResponse> AggregateFor(const Call& call,
                                                                  const AnalyticsRequest& request,
                                                                  int64_t from_unix_ms,
                                                                  int64_t to_unix_ms,
                                                                  std::vector<Dimension> group_by);

// Every measure of the contract by name, with its value as a JSON number's text (which is also
// its CSV field): cost_usd (exact), cost_pico_usd, calls, errors, ..., tokens, audio_seconds
// (exact decimal seconds).
inline constexpr size_t kMeasureFieldCount = 14;
std::array<std::pair<std::string_view, std::string>, kMeasureFieldCount> MeasureFields(
    const AnalyticsMeasures& m);
// MeasureFields as members of the object being written.
void AppendMeasureMembers(std::string& out, const AnalyticsMeasures& m);
// "from", "to" (RFC 3339 in the zone) and "tz" members.
void AppendRangeMembers(std::string& out, const AnalyticsRequest& request);
// A JSON number for a ratio (the shortest text that reads back; 0 for 0/0).
void JsonRatioMember(std::string& out, std::string_view name, int64_t part, int64_t whole);

}  // namespace costgate::central
