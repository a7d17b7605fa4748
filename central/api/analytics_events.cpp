// GET /admin/v1/analytics/events?limit=N&after=<cursor>: the range's events passing the
// filters, newest first, paged by keyset on (start_unix_ms, event_id): the one analytics route
// that reads raw events. The cursor is "<start_unix_ms>_<event_id>" of the page's last event.
#include <charconv>
#include <utility>

#include "central/api/analytics_request.h"
#include "central/api/api_error.h"
#include "central/api/event_json.h"
#include "central/api/json_members.h"
#include "central/api/json_out.h"
#include "central/api/query_int.h"

namespace costgate::central {
namespace {

constexpr int64_t kEventsDefaultLimit = 100;
constexpr int64_t kEventsMaxLimit = 500;

std::optional<EventCursor> ParseCursor(std::string_view text) {
  const size_t mark = text.find('_');
  if (mark == std::string_view::npos || mark + 1 >= text.size()) {
    return std::nullopt;
  }
  EventCursor cursor;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + mark, cursor.start_unix_ms);
  if (ec != std::errc() || end != text.data() + mark) {
    return std::nullopt;
  }
  cursor.event_id = std::string(text.substr(mark + 1));
  return cursor;
}

}  // namespace

ApiResponse HandleAnalyticsEvents(const Call& call) {
  std::variant<AnalyticsRequest, ApiResponse> read = ReadAnalyticsRequest(call, {"limit", "after"});
  if (auto* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  std::variant<int64_t, ApiResponse> limit =
      QueryInt(call.query, "limit", 1, kEventsMaxLimit, kEventsDefaultLimit);
  if (auto* refused = std::get_if<ApiResponse>(&limit)) {
    return std::move(*refused);
  }
  const AnalyticsRequest& request = std::get<AnalyticsRequest>(read);
  EventPageQuery query{request.from_unix_ms, request.to_unix_ms, request.filters,
                       std::get<int64_t>(limit), std::nullopt};
  if (const std::string* after = call.query.Find("after")) {
    query.after = ParseCursor(*after);
    if (!query.after) {
      return ErrorResponse(400, "invalid_query", "after must be a cursor this route returned",
                           "after");
    }
  }
  StoreResult<std::vector<Event>> listed = call.store.ListEvents(query);
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const auto& events = std::get<std::vector<Event>>(listed);
  ApiResponse response;
  std::string& out = response.body;
  out = "{";
  AppendRangeMembers(out, request);
  JsonMemberName(out, "events");
  out += '[';
  for (size_t i = 0; i < events.size(); ++i) {
    out += i == 0 ? "" : ",";
    AppendEventJson(out, events[i]);
  }
  out += ']';
  // A full page may have more behind it.
  JsonMemberName(out, "next");
  if (static_cast<int64_t>(events.size()) == query.limit) {
    AppendJsonString(out,
                     std::to_string(events.back().start_unix_ms) + "_" + events.back().event_id);
  } else {
    out += "null";
  }
  out += '}';
  return response;
}

}  // namespace costgate::central
