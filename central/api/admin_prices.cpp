// GET /admin/v1/prices, /admin/v1/prices/{key...} and /admin/v1/prices/status: the price book
// as central prices with it, read only.
#include <algorithm>
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/json_members.h"
#include "central/api/json_out.h"
#include "central/api/price_json.h"
#include "central/api/query_int.h"
#include "pricing/book_load_log.h"
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

// A page of GET /admin/v1/prices: ?limit= (rows), ?after= (the key the previous page's next gave).
constexpr int64_t kPriceListDefaultLimit = 200;
constexpr int64_t kPriceListMaxLimit = 1000;

bool ContainsFolded(std::string_view text, std::string_view needle) {
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

// {"at_unix_ms","source","from","result","error","version"}; null when nothing was noted (a
// book published without the load log, as in tests).
void AppendBookLoadJson(std::string& out, const std::optional<pricing::BookLoadAttempt>& attempt) {
  if (!attempt) {
    out += "null";
    return;
  }
  out += '{';
  JsonMember(out, "at_unix_ms", attempt->at_unix_ms);
  JsonMember(out, "source", attempt->source);
  JsonMember(out, "from", attempt->from);
  JsonMember(out, "result", attempt->result);
  JsonMember(out, "error", attempt->error);
  JsonMember(out, "version", attempt->version);
  out += '}';
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
  std::variant<int64_t, ApiResponse> limit =
      QueryInt(call.query, "limit", 1, kPriceListMaxLimit, kPriceListDefaultLimit);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&limit)) {
    return std::move(*refused);
  }
  const std::string* after = call.query.Find("after");
  if (after != nullptr && after->empty()) {
    return ErrorResponse(400, "invalid_query", "must be the key a page's next gave", "after");
  }
  const std::string* provider = call.query.Find("provider");
  const std::string* q = call.query.Find("q");
  ApiResponse response;
  response.body = R"({"version":)";
  AppendJsonString(response.body, call.book.version());
  JsonMember(response.body, "at_unix_ms", at_ms);
  JsonMemberName(response.body, "rows");
  response.body += '[';
  // Every matching key is counted (total) and only the page's are written: the book is in
  // memory and a few thousand keys long, so counting costs less than the page's JSON.
  int64_t total = 0;
  int64_t written = 0;
  std::string_view last_written;
  bool more = false;
  for (const std::string_view key : call.book.Keys()) {
    const SpanAt span = SpanInForce(call.book.Timeline(key), at_ms);
    if (span.row == nullptr || (provider != nullptr && span.row->provider != *provider) ||
        (q != nullptr && !ContainsFolded(key, *q))) {
      continue;
    }
    ++total;
    if (after != nullptr && key <= *after) {
      continue;
    }
    if (written == std::get<int64_t>(limit)) {
      more = true;
      continue;
    }
    response.body += written == 0 ? "" : ",";
    ++written;
    last_written = key;
    AppendPriceRowJson(response.body, *span.row, span.to_ms);
  }
  response.body += ']';
  JsonMember(response.body, "total", total);
  JsonMember(response.body, "limit", std::get<int64_t>(limit));
  // The next page starts after the last row written; null on the last page.
  JsonMemberName(response.body, "next");
  if (more) {
    AppendJsonString(response.body, last_written);
  } else {
    response.body += "null";
  }
  response.body += '}';
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
  if (call.prices != nullptr) {
    const pricing::BookLoadLog& log = call.prices->holder().load_log();
    JsonMemberName(response.body, "loaded");
    AppendBookLoadJson(response.body, log.LastPublished());
    JsonMemberName(response.body, "last_attempt");
    AppendBookLoadJson(response.body, log.LastAttempt());
  }
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

}  // namespace costgate::central
