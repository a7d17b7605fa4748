// GET /admin/v1/analytics/breakdown?by=<dimension>&order=cost|calls|tokens|characters&limit=N:
// the measures per value of one dimension, largest first; the rest beyond the limit summed in
// "other", and the "total" of all.
#include <utility>

#include "central/api/analytics_ranking.h"
#include "central/api/analytics_request.h"
#include "central/api/json_members.h"
#include "central/api/query_int.h"

namespace costgate::central {
namespace {

constexpr int64_t kBreakdownDefaultLimit = 50;
constexpr int64_t kBreakdownMaxLimit = 1000;

}  // namespace

ApiResponse HandleAnalyticsBreakdown(const Call& call) {
  std::variant<AnalyticsRequest, ApiResponse> read =
      ReadAnalyticsRequest(call, {"by", "order", "limit"});
  if (auto* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  std::variant<Dimension, ApiResponse> by = ReadDimension(call.query, "by");
  if (auto* refused = std::get_if<ApiResponse>(&by)) {
    return std::move(*refused);
  }
  std::variant<RankMeasure, ApiResponse> order = ReadRankMeasure(call.query, "order");
  if (auto* refused = std::get_if<ApiResponse>(&order)) {
    return std::move(*refused);
  }
  std::variant<int64_t, ApiResponse> limit =
      QueryInt(call.query, "limit", 1, kBreakdownMaxLimit, kBreakdownDefaultLimit);
  if (auto* refused = std::get_if<ApiResponse>(&limit)) {
    return std::move(*refused);
  }
  const AnalyticsRequest& request = std::get<AnalyticsRequest>(read);
  auto rows = AggregateFor(call, request, request.from_unix_ms, request.to_unix_ms,
                           {std::get<Dimension>(by)});
  if (auto* refused = std::get_if<ApiResponse>(&rows)) {
    return std::move(*refused);
  }
  const std::vector<AnalyticsRow> ranked =
      RankByFirstKey(std::get<std::vector<AnalyticsRow>>(rows), std::get<RankMeasure>(order));
  const size_t shown = std::min(ranked.size(), static_cast<size_t>(std::get<int64_t>(limit)));
  ApiResponse response;
  std::string& out = response.body;
  out = "{";
  JsonMember(out, "by", DimensionName(std::get<Dimension>(by)));
  AppendRangeMembers(out, request);
  JsonMemberName(out, "rows");
  out += '[';
  AnalyticsMeasures other;
  AnalyticsMeasures total;
  for (size_t i = 0; i < ranked.size(); ++i) {
    total += ranked[i].measures;
    if (i >= shown) {
      other += ranked[i].measures;
      continue;
    }
    out += '{';
    JsonMember(out, "key", ranked[i].keys[0]);
    AppendMeasureMembers(out, ranked[i].measures);
    out += '}';
    out += i + 1 < shown ? "," : "";
  }
  out += ']';
  JsonMemberName(out, "other");
  if (shown < ranked.size()) {
    out += '{';
    AppendMeasureMembers(out, other);
    out += '}';
  } else {
    out += "null";
  }
  JsonMemberName(out, "total");
  out += '{';
  AppendMeasureMembers(out, total);
  out += "}}";
  return response;
}

}  // namespace costgate::central
