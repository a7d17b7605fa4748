// GET /admin/v1/prices, /admin/v1/prices/{key...}, /admin/v1/prices/status and
// /admin/v1/prices/unpriced: the price book as central prices with it, read only.
#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "central/api/analytics_request.h"
#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/json_members.h"
#include "central/api/json_out.h"
#include "central/api/price_json.h"
#include "pricing/timestamp.h"

namespace costgate::central {
namespace {

// The span of `timeline` in force at `at_ms` and when it ends; nullopt when none yet.
struct SpanAt {
  const pricing::PriceRow* row = nullptr;
  int64_t to_ms = kPriceStillInForce;
};

SpanAt SpanInForce(std::span<const pricing::PriceBook::Span> timeline, int64_t at_ms) {
  SpanAt found;
  for (size_t i = 0; i < timeline.size() && timeline[i].from_ms <= at_ms; ++i) {
    found.row = timeline[i].row;
    found.to_ms = i + 1 < timeline.size() ? timeline[i + 1].from_ms : kPriceStillInForce;
  }
  return found;
}

bool ContainsFolded(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

}  // namespace

ApiResponse HandlePriceList(const Call& call) {
  int64_t at_ms = call.request.now_unix_ms;
  if (const std::string* at = call.query.Find("at")) {
    const std::optional<int64_t> parsed = pricing::ParseTimestampMs(*at);
    if (!parsed) {
      return InvalidField("at", "must be a date YYYY-MM-DD or an RFC 3339 timestamp");
    }
    at_ms = *parsed;
  }
  const std::string* provider = call.query.Find("provider");
  const std::string* q = call.query.Find("q");
  ApiResponse response;
  response.body = R"({"version":)";
  AppendJsonString(response.body, call.book.version());
  JsonMember(response.body, "at_unix_ms", at_ms);
  JsonMemberName(response.body, "rows");
  response.body += '[';
  bool first = true;
  for (const std::string_view key : call.book.Keys()) {
    const SpanAt span = SpanInForce(call.book.Timeline(key), at_ms);
    if (span.row == nullptr || (provider != nullptr && span.row->provider != *provider) ||
        (q != nullptr && !ContainsFolded(key, *q))) {
      continue;
    }
    response.body += first ? "" : ",";
    first = false;
    AppendPriceRowJson(response.body, *span.row, span.to_ms);
  }
  response.body += "]}";
  return response;
}

ApiResponse HandlePriceGet(const Call& call) {
  const std::string* key = call.params.Find("key");
  const std::span<const pricing::PriceBook::Span> timeline =
      call.book.Timeline(key != nullptr ? std::string_view(*key) : "");
  if (timeline.empty()) {
    return ErrorResponse(404, "price_not_found", "no price row has this key", "key");
  }
  const SpanAt now = SpanInForce(timeline, call.request.now_unix_ms);
  ApiResponse response;
  response.body = R"({"key":)";
  AppendJsonString(response.body, *key);
  JsonMemberName(response.body, "in_force");
  if (now.row == nullptr) {
    response.body += "null";
  } else {
    AppendPriceRowJson(response.body, *now.row, now.to_ms);
  }
  JsonMemberName(response.body, "timeline");
  response.body += '[';
  for (size_t i = 0; i < timeline.size(); ++i) {
    response.body += i == 0 ? "" : ",";
    AppendPriceRowJson(response.body, *timeline[i].row,
                       i + 1 < timeline.size() ? timeline[i + 1].from_ms : kPriceStillInForce);
  }
  response.body += "]}";
  return response;
}

ApiResponse HandlePriceStatus(const Call& call) {
  ApiResponse response;
  response.body = R"({"version":)";
  AppendJsonString(response.body, call.book.version());
  JsonMember(response.body, "key_count", static_cast<int64_t>(call.book.key_count()));
  // 0: the book central started with (its load time is the process's start).
  const int64_t loaded = call.prices != nullptr ? call.prices->loaded_unix_ms() : 0;
  JsonMember(response.body, "reloaded_unix_ms",
             loaded == 0 ? std::optional<int64_t>() : std::optional<int64_t>(loaded));
  if (call.prices == nullptr || !call.prices->configured()) {
    JsonMember(response.body, "refresh", std::string_view("no refresh configured"));
    response.body += '}';
    return response;
  }
  const config::PricingConfig& pricing = call.prices->pricing();
  JsonMember(response.body, "history_dir", pricing.history_dir);
  JsonMember(response.body, "overrides_file", pricing.overrides_file);
  JsonMemberName(response.body, "refresh");
  if (pricing.refresh.url.empty()) {
    response.body += R"("no refresh configured")";
  } else {
    response.body += '{';
    JsonMember(response.body, "url", pricing.refresh.url);
    JsonMember(
        response.body, "interval_s",
        static_cast<int64_t>(
            std::chrono::duration_cast<std::chrono::seconds>(pricing.refresh.interval).count()));
    JsonMemberName(response.body, "last");
    const std::string last = call.prices->RefreshStatus();
    response.body += last.empty() ? "null" : last;
    response.body += '}';
  }
  response.body += '}';
  return response;
}

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
    response.body += '}';
  }
  response.body += "]}";
  return response;
}

}  // namespace costgate::central
