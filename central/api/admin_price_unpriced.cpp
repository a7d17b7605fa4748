// GET /admin/v1/prices/unpriced: the models with unpriced calls in [from, to), counted by the
// rollups, each with the reasons central stored with those calls when it priced them
// (Store::CountUnpricedReasons) and the reason the book in force gives now (unpriced_reason.h).
#include <algorithm>
#include <iterator>
#include <string>
#include <variant>
#include <vector>

#include "central/api/analytics_request.h"
#include "central/api/api_error.h"
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

// "stored_reasons":[{"reason","calls"}...] of one provider and model, most calls first.
void AppendStoredReasons(std::string& out, const std::vector<UnpricedReasonCount>& all,
                         const std::string& provider, const std::string& model) {
  std::vector<UnpricedReasonCount> counts;
  std::copy_if(
      all.begin(), all.end(), std::back_inserter(counts),
      [&](const UnpricedReasonCount& c) { return c.provider == provider && c.model == model; });
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return a.calls != b.calls ? a.calls > b.calls : a.reason < b.reason;
  });
  JsonMemberName(out, "stored_reasons");
  out += '[';
  for (size_t i = 0; i < counts.size(); ++i) {
    out += i == 0 ? "{" : ",{";
    JsonMember(out, "reason", counts[i].reason);
    JsonMember(out, "calls", counts[i].calls);
    out += '}';
  }
  out += ']';
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
  StoreResult<std::vector<UnpricedReasonCount>> stored =
      call.store.CountUnpricedReasons(request.from_unix_ms, request.to_unix_ms, request.filters);
  if (std::holds_alternative<StoreError>(stored)) {
    return StoreUnavailable();
  }
  const auto& stored_counts = std::get<std::vector<UnpricedReasonCount>>(stored);
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
    AppendStoredReasons(response.body, stored_counts, row.keys[0], row.keys[1]);
    AppendReasonMembers(response.body, JudgeUnpriced(call.book, row.keys[0], row.keys[1],
                                                     row.measures, call.request.now_unix_ms));
    response.body += '}';
  }
  response.body += "]}";
  return response;
}

}  // namespace costgate::central
