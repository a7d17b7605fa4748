#include "central/api/analytics_request.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <utility>

#include "central/api/analytics_time.h"
#include "central/api/api_error.h"
#include "central/api/json_members.h"
#include "central/api/json_out.h"
#include "central/budgets/budget_period.h"

namespace costgate::central {
namespace {

ApiResponse BadParam(std::string_view name, std::string_view message) {
  return ErrorResponse(400, "invalid_query", message, name);
}

int64_t CostOf(const AnalyticsMeasures& m) { return m.cost_pico; }
int64_t CallsOf(const AnalyticsMeasures& m) { return m.calls; }
int64_t TokensOf(const AnalyticsMeasures& m) { return m.tokens(); }
int64_t CharactersOf(const AnalyticsMeasures& m) { return m.characters; }

// `name`'s instant, or `fallback` when the query has none.
std::variant<int64_t, ApiResponse> ReadInstant(const Query& query, std::string_view name,
                                               const budgets::TimeZone& zone, int64_t fallback) {
  const std::string* text = query.Find(name);
  if (text == nullptr) {
    return fallback;
  }
  std::optional<int64_t> at = ParseInstant(*text, zone);
  if (!at) {
    return BadParam(name, std::string(name) +
                              " must be an RFC 3339 timestamp (2026-12-01T00:00:00Z) or a date "
                              "(2026-12-01)");
  }
  return *at;
}

}  // namespace

std::variant<AnalyticsRequest, ApiResponse> ReadAnalyticsRequest(
    const Call& call, std::initializer_list<std::string_view> own) {
  for (const QueryParam& param : call.query.params()) {
    const bool known = param.name == "from" || param.name == "to" || param.name == "tz" ||
                       DimensionNamed(param.name).has_value() ||
                       std::find(own.begin(), own.end(), param.name) != own.end();
    if (!known) {
      return BadParam(param.name, "unknown query parameter " + param.name);
    }
  }
  AnalyticsRequest request;
  std::string zone_name;
  if (const std::string* tz = call.query.Find("tz")) {
    zone_name = *tz;
  } else {
    StoreResult<std::string> configured = call.store.AnalyticsTimeZone();
    if (std::holds_alternative<StoreError>(configured)) {
      return StoreUnavailable();
    }
    zone_name = std::get<std::string>(std::move(configured));
  }
  request.zone = call.zones.Find(zone_name);
  if (request.zone == nullptr) {
    return BadParam("tz", "tz must be an IANA time zone such as Europe/Berlin");
  }
  const int64_t now = call.request.now_unix_ms;
  std::variant<int64_t, ApiResponse> to = ReadInstant(call.query, "to", *request.zone, now);
  if (auto* refused = std::get_if<ApiResponse>(&to)) {
    return std::move(*refused);
  }
  // Without `from`: the month up to `to` (the instant before it, so that a `to` on the first of
  // a month means the month before).
  std::variant<int64_t, ApiResponse> from =
      ReadInstant(call.query, "from", *request.zone,
                  StartOfLocalMonth(std::get<int64_t>(to) - 1, *request.zone));
  if (auto* refused = std::get_if<ApiResponse>(&from)) {
    return std::move(*refused);
  }
  request.from_unix_ms = std::get<int64_t>(from);
  request.to_unix_ms = std::get<int64_t>(to);
  if (request.from_unix_ms >= request.to_unix_ms) {
    return BadParam(call.query.Find("to") != nullptr ? "to" : "from", "from must be before to");
  }
  if (request.to_unix_ms - request.from_unix_ms > kMaxAnalyticsRangeMs) {
    return BadParam("to", "the range from from to to is over 400 days");
  }
  for (size_t i = 0; i < kDimensionCount; ++i) {
    const auto d = static_cast<Dimension>(i);
    std::vector<std::string_view> values = call.query.All(DimensionName(d));
    if (!values.empty()) {
      request.filters.push_back({d, std::vector<std::string>(values.begin(), values.end())});
    }
  }
  return request;
}

std::variant<Dimension, ApiResponse> ReadDimension(const Query& query, std::string_view name) {
  const std::string* text = query.Find(name);
  std::optional<Dimension> d = text != nullptr ? DimensionNamed(*text) : std::nullopt;
  if (!d) {
    return BadParam(name, std::string(name) +
                              " must be one of workspace, team, project, source_app, "
                              "environment, user, job, feature, provider, model, operation, "
                              "outcome, pod");
  }
  return *d;
}

std::variant<RankMeasure, ApiResponse> ReadRankMeasure(const Query& query, std::string_view name) {
  const std::string* text = query.Find(name);
  if (text == nullptr || *text == "cost") {
    return &CostOf;
  }
  if (*text == "calls") {
    return &CallsOf;
  }
  if (*text == "tokens") {
    return &TokensOf;
  }
  if (*text == "characters") {
    return &CharactersOf;
  }
  return BadParam(name, std::string(name) + " must be cost, calls, tokens or characters");
}

std::variant<std::vector<AnalyticsRow>, ApiResponse> AggregateFor(const Call& call,
                                                                  const AnalyticsRequest& request,
                                                                  int64_t from_unix_ms,
                                                                  int64_t to_unix_ms,
                                                                  std::vector<Dimension> group_by) {
  StoreResult<std::vector<AnalyticsRow>> rows =
      call.store.Aggregate({from_unix_ms, to_unix_ms, request.filters, std::move(group_by)});
  if (std::holds_alternative<StoreError>(rows)) {
    return StoreUnavailable();
  }
  return std::get<std::vector<AnalyticsRow>>(std::move(rows));
}

std::array<std::pair<std::string_view, std::string>, kMeasureFieldCount> MeasureFields(
    const AnalyticsMeasures& m) {
  // Milliseconds as exact decimal seconds: 1500 -> 1.5.
  std::string audio_seconds = std::to_string(m.audio_ms / 1000);
  if (const int64_t rest = m.audio_ms % 1000; rest != 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03lld", static_cast<long long>(rest));
    std::string_view text(fraction);
    while (text.back() == '0') {
      text.remove_suffix(1);
    }
    audio_seconds += text;
  }
  const auto n = [](int64_t v) { return std::to_string(v); };
  return {{{"cost_usd", UsdNumber(pricing::Money::FromPico(m.cost_pico))},
           {"cost_pico_usd", n(m.cost_pico)},
           {"calls", n(m.calls)},
           {"errors", n(m.errors)},
           {"unpriced_calls", n(m.unpriced_calls)},
           {"estimated_calls", n(m.estimated_calls)},
           {"input_tokens", n(m.input_tokens)},
           {"output_tokens", n(m.output_tokens)},
           {"cached_tokens", n(m.cached_tokens)},
           {"thinking_tokens", n(m.thinking_tokens)},
           {"tokens", n(m.tokens())},
           {"characters", n(m.characters)},
           {"credits", n(m.credits)},
           {"audio_seconds", std::move(audio_seconds)}}};
}

void AppendMeasureMembers(std::string& out, const AnalyticsMeasures& m) {
  for (const auto& [name, text] : MeasureFields(m)) {
    JsonMemberName(out, name);
    out += text;
  }
}

void AppendRangeMembers(std::string& out, const AnalyticsRequest& request) {
  JsonMember(out, "from", budgets::LocalTimeText(request.from_unix_ms, *request.zone));
  JsonMember(out, "to", budgets::LocalTimeText(request.to_unix_ms, *request.zone));
  JsonMember(out, "tz", request.zone->name());
}

void JsonRatioMember(std::string& out, std::string_view name, int64_t part, int64_t whole) {
  JsonMemberName(out, name);
  if (whole == 0 || part == 0) {
    out += '0';
    return;
  }
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text,
                                 static_cast<double>(part) / static_cast<double>(whole))
                       .ptr;
  out.append(text, end);
}

}  // namespace costgate::central
