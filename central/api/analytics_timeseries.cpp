// GET /admin/v1/analytics/timeseries?bucket=hour|day|week|month[&by=<dim>&limit=N]: every
// bucket of the range in tz (zeros included; a bucket at an edge of the range sums only its part
// inside it), and with `by` the series of the range's top N values of that dimension per bucket.
#include <map>
#include <utility>

#include "central/api/analytics_ranking.h"
#include "central/api/analytics_request.h"
#include "central/api/analytics_time.h"
#include "central/api/api_error.h"
#include "central/api/json_members.h"
#include "central/api/query_int.h"
#include "central/budgets/budget_period.h"

namespace costgate::central {
namespace {

constexpr int64_t kSeriesDefaultLimit = 5;
constexpr int64_t kSeriesMaxLimit = 50;
// Hour buckets over 400 days would be ~10k queries: a chart has no use for more than this.
constexpr size_t kMaxBuckets = 2000;

}  // namespace

ApiResponse HandleAnalyticsTimeseries(const Call& call) {
  std::variant<AnalyticsRequest, ApiResponse> read =
      ReadAnalyticsRequest(call, {"bucket", "by", "limit"});
  if (auto* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const std::string* bucket_name = call.query.Find("bucket");
  const std::optional<BucketKind> kind =
      BucketNamed(bucket_name != nullptr ? std::string_view(*bucket_name) : "day");
  if (!kind) {
    return ErrorResponse(400, "invalid_query", "bucket must be hour, day, week or month", "bucket");
  }
  std::optional<Dimension> by;
  if (call.query.Find("by") != nullptr) {
    std::variant<Dimension, ApiResponse> read_by = ReadDimension(call.query, "by");
    if (auto* refused = std::get_if<ApiResponse>(&read_by)) {
      return std::move(*refused);
    }
    by = std::get<Dimension>(read_by);
  }
  std::variant<int64_t, ApiResponse> limit =
      QueryInt(call.query, "limit", 1, kSeriesMaxLimit, kSeriesDefaultLimit);
  if (auto* refused = std::get_if<ApiResponse>(&limit)) {
    return std::move(*refused);
  }
  const AnalyticsRequest& request = std::get<AnalyticsRequest>(read);
  const std::vector<int64_t> edges =
      BucketEdges(request.from_unix_ms, request.to_unix_ms, *kind, *request.zone);
  if (edges.size() > kMaxBuckets + 1) {
    return ErrorResponse(400, "invalid_query",
                         "too many buckets: at most " + std::to_string(kMaxBuckets) +
                             " (a longer bucket or a shorter range)",
                         "bucket");
  }
  // The series' keys: the range's top values of `by`.
  std::vector<std::string> series_keys;
  if (by) {
    auto ranked = AggregateFor(call, request, request.from_unix_ms, request.to_unix_ms, {*by});
    if (auto* refused = std::get_if<ApiResponse>(&ranked)) {
      return std::move(*refused);
    }
    for (const AnalyticsRow& row : RankByFirstKey(std::get<std::vector<AnalyticsRow>>(ranked),
                                                  [](const auto& m) { return m.cost_pico; })) {
      if (series_keys.size() < static_cast<size_t>(std::get<int64_t>(limit))) {
        series_keys.push_back(row.keys[0]);
      }
    }
  }
  ApiResponse response;
  std::string& out = response.body;
  out = "{";
  JsonMember(out, "bucket", bucket_name != nullptr ? std::string_view(*bucket_name) : "day");
  AppendRangeMembers(out, request);
  if (by) {
    JsonMember(out, "by", DimensionName(*by));
  }
  JsonMemberName(out, "buckets");
  out += '[';
  for (size_t i = 0; i + 1 < edges.size(); ++i) {
    const int64_t from = std::max(edges[i], request.from_unix_ms);
    const int64_t to = std::min(edges[i + 1], request.to_unix_ms);
    std::vector<Dimension> group_by;
    if (by) {
      group_by.push_back(*by);
    }
    auto rows = AggregateFor(call, request, from, to, group_by);
    if (auto* refused = std::get_if<ApiResponse>(&rows)) {
      return std::move(*refused);
    }
    AnalyticsMeasures total;
    std::map<std::string, AnalyticsMeasures> per_key;
    for (const AnalyticsRow& row : std::get<std::vector<AnalyticsRow>>(rows)) {
      total += row.measures;
      if (by) {
        per_key[row.keys[0]] += row.measures;
      }
    }
    out += i == 0 ? "{" : ",{";
    JsonMember(out, "start", budgets::LocalTimeText(edges[i], *request.zone));
    JsonMember(out, "start_unix_ms", edges[i]);
    AppendMeasureMembers(out, total);
    if (by) {
      JsonMemberName(out, "series");
      out += '[';
      for (size_t k = 0; k < series_keys.size(); ++k) {
        out += k == 0 ? "{" : ",{";
        JsonMember(out, "key", series_keys[k]);
        AppendMeasureMembers(out, per_key[series_keys[k]]);
        out += '}';
      }
      out += ']';
    }
    out += '}';
  }
  out += "]}";
  return response;
}

}  // namespace costgate::central
