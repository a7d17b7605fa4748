// GET /admin/v1/analytics/summary: every measure over the range, with the error rate and the
// share of calls whose units were estimated.
#include <utility>

#include "central/api/analytics_request.h"
#include "central/api/json_members.h"

namespace costgate::central {

ApiResponse HandleAnalyticsSummary(const Call& call) {
  std::variant<AnalyticsRequest, ApiResponse> read = ReadAnalyticsRequest(call, {});
  if (auto* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const AnalyticsRequest& request = std::get<AnalyticsRequest>(read);
  auto rows = AggregateFor(call, request, request.from_unix_ms, request.to_unix_ms, {});
  if (auto* refused = std::get_if<ApiResponse>(&rows)) {
    return std::move(*refused);
  }
  AnalyticsMeasures total;
  for (const AnalyticsRow& row : std::get<std::vector<AnalyticsRow>>(rows)) {
    total += row.measures;
  }
  ApiResponse response;
  response.body = "{";
  AppendRangeMembers(response.body, request);
  AppendMeasureMembers(response.body, total);
  JsonRatioMember(response.body, "error_rate", total.errors, total.calls);
  JsonRatioMember(response.body, "estimated_share", total.estimated_calls, total.calls);
  response.body += '}';
  return response;
}

}  // namespace costgate::central
