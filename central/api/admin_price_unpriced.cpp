// GET /admin/v1/prices/unpriced: the models with unpriced calls in [from, to), counted by the
// rollups, each with the reason the book in force gives now (unpriced_reason.h).
#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "central/api/analytics_request.h"
#include "central/api/handlers.h"
#include "central/api/json_members.h"
#include "central/api/json_out.h"
#include "central/api/unpriced_reason.h"

namespace costgate::central {
namespace {

void AppendStringArray(std::string& out, std::string_view name,
                       const std::vector<std::string>& values) {
  JsonMemberName(out, name);
  out += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    out += i == 0 ? "" : ",";
    AppendJsonString(out, values[i]);
  }
  out += ']';
}

// "reason", "price_key" (null for unknown_model), "tried" and "missing".
void AppendReasonMembers(std::string& out, const UnpricedReason& judged) {
  JsonMember(out, "reason", judged.reason);
  JsonMemberName(out, "price_key");
  if (judged.price_key.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, judged.price_key);
  }
  AppendStringArray(out, "tried", judged.tried);
  AppendStringArray(out, "missing", judged.missing);
}

}  // namespace

// Models with unpriced calls in [from, to): the rollups' unpriced_calls by provider and model.
ApiResponse HandlePriceUnpriced(const Call& call) {
  std::variant<AnalyticsRequest, ApiResponse> read = ReadAnalyticsRequest(call, {});
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const AnalyticsRequest& request = std::get<AnalyticsRequest>(read);
  std::variant<std::vector<AnalyticsRow>, ApiResponse> rows =
      AggregateFor(call, request, request.from_unix_ms, request.to_unix_ms,
                   {Dimension::kProvider, Dimension::kModel});
  if (ApiResponse* failed = std::get_if<ApiResponse>(&rows)) {
    return std::move(*failed);
  }
  std::vector<AnalyticsRow>& found = std::get<std::vector<AnalyticsRow>>(rows);
  std::erase_if(found, [](const AnalyticsRow& row) { return row.measures.unpriced_calls == 0; });
  std::sort(found.begin(), found.end(), [](const AnalyticsRow& a, const AnalyticsRow& b) {
    return a.measures.unpriced_calls != b.measures.unpriced_calls
               ? a.measures.unpriced_calls > b.measures.unpriced_calls
               : a.keys < b.keys;
  });
  ApiResponse response;
  response.body = "{";
  AppendRangeMembers(response.body, request);
  JsonMemberName(response.body, "models");
  response.body += '[';
  bool first = true;
  for (const AnalyticsRow& row : found) {
    response.body += first ? "{" : ",{";
    first = false;
    JsonMember(response.body, "provider", row.keys[0]);
    JsonMember(response.body, "model", row.keys[1]);
    JsonMember(response.body, "unpriced_calls", row.measures.unpriced_calls);
    JsonMember(response.body, "calls", row.measures.calls);
    AppendReasonMembers(response.body, JudgeUnpriced(call.book, row.keys[0], row.keys[1],
                                                     row.measures, call.request.now_unix_ms));
    response.body += '}';
  }
  response.body += "]}";
  return response;
}

}  // namespace costgate::central
