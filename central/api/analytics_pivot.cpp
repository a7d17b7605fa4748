// GET /admin/v1/analytics/pivot?rows=<dim>&cols=<dim>&measure=cost|calls|tokens|characters
// &limit=N: one measure over two dimensions. Rows and columns are the top N values of each by
// the measure; row_totals and col_totals sum every value of the other dimension (also those
// beyond its limit), and total is the measure over the whole range.
#include <map>
#include <utility>

#include "central/api/analytics_ranking.h"
#include "central/api/analytics_request.h"
#include "central/api/json_members.h"
#include "central/api/json_out.h"
#include "central/api/query_int.h"

namespace costgate::central {
namespace {

constexpr int64_t kPivotDefaultLimit = 50;
constexpr int64_t kPivotMaxLimit = 1000;

void AppendKeys(std::string& out, std::string_view name, const std::vector<AnalyticsRow>& keys) {
  JsonMemberName(out, name);
  out += '[';
  for (size_t i = 0; i < keys.size(); ++i) {
    out += i == 0 ? "" : ",";
    AppendJsonString(out, keys[i].keys[0]);
  }
  out += ']';
}

void AppendTotals(std::string& out, std::string_view name, const std::vector<AnalyticsRow>& keys,
                  RankMeasure measure) {
  JsonMemberName(out, name);
  out += '[';
  for (size_t i = 0; i < keys.size(); ++i) {
    out += i == 0 ? "" : ",";
    out += std::to_string(measure(keys[i].measures));
  }
  out += ']';
}

}  // namespace

ApiResponse HandleAnalyticsPivot(const Call& call) {
  std::variant<AnalyticsRequest, ApiResponse> read =
      ReadAnalyticsRequest(call, {"rows", "cols", "measure", "limit"});
  if (auto* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  std::variant<Dimension, ApiResponse> rows_by = ReadDimension(call.query, "rows");
  if (auto* refused = std::get_if<ApiResponse>(&rows_by)) {
    return std::move(*refused);
  }
  std::variant<Dimension, ApiResponse> cols_by = ReadDimension(call.query, "cols");
  if (auto* refused = std::get_if<ApiResponse>(&cols_by)) {
    return std::move(*refused);
  }
  std::variant<RankMeasure, ApiResponse> measure_read = ReadRankMeasure(call.query, "measure");
  if (auto* refused = std::get_if<ApiResponse>(&measure_read)) {
    return std::move(*refused);
  }
  std::variant<int64_t, ApiResponse> limit =
      QueryInt(call.query, "limit", 1, kPivotMaxLimit, kPivotDefaultLimit);
  if (auto* refused = std::get_if<ApiResponse>(&limit)) {
    return std::move(*refused);
  }
  const AnalyticsRequest& request = std::get<AnalyticsRequest>(read);
  auto aggregated = AggregateFor(call, request, request.from_unix_ms, request.to_unix_ms,
                                 {std::get<Dimension>(rows_by), std::get<Dimension>(cols_by)});
  if (auto* refused = std::get_if<ApiResponse>(&aggregated)) {
    return std::move(*refused);
  }
  const RankMeasure measure = std::get<RankMeasure>(measure_read);
  const auto& cells = std::get<std::vector<AnalyticsRow>>(aggregated);
  const size_t max = static_cast<size_t>(std::get<int64_t>(limit));
  std::vector<AnalyticsRow> rows = RankByFirstKey(cells, measure, 0);
  std::vector<AnalyticsRow> cols = RankByFirstKey(cells, measure, 1);
  AnalyticsMeasures total;
  for (const AnalyticsRow& row : rows) {
    total += row.measures;
  }
  rows.resize(std::min(rows.size(), max));
  cols.resize(std::min(cols.size(), max));
  std::map<std::pair<std::string, std::string>, int64_t> value;
  for (const AnalyticsRow& cell : cells) {
    value[{cell.keys[0], cell.keys[1]}] += measure(cell.measures);
  }
  ApiResponse response;
  std::string& out = response.body;
  out = "{";
  JsonMember(out, "rows_by", DimensionName(std::get<Dimension>(rows_by)));
  JsonMember(out, "cols_by", DimensionName(std::get<Dimension>(cols_by)));
  AppendRangeMembers(out, request);
  AppendKeys(out, "rows", rows);
  AppendKeys(out, "cols", cols);
  JsonMemberName(out, "cells");
  out += '[';
  for (size_t i = 0; i < rows.size(); ++i) {
    out += i == 0 ? "[" : ",[";
    for (size_t j = 0; j < cols.size(); ++j) {
      out += j == 0 ? "" : ",";
      const auto found = value.find({rows[i].keys[0], cols[j].keys[0]});
      out += std::to_string(found == value.end() ? 0 : found->second);
    }
    out += ']';
  }
  out += ']';
  AppendTotals(out, "row_totals", rows, measure);
  AppendTotals(out, "col_totals", cols, measure);
  JsonMember(out, "total", measure(total));
  out += '}';
  return response;
}

}  // namespace costgate::central
