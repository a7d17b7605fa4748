#include "central/api/v1_requests.h"

#include <array>
#include <cmath>
#include <limits>

namespace costgate::central {
namespace dom = simdjson::dom;
namespace {

FieldStatus ReadLatency(dom::element value, int64_t& out) {
  // Integrations often send a float (elapsed seconds x 1000); the whole milliseconds are kept.
  double number = 0;
  if (value.is_int64() || value.is_uint64()) {
    return ReadInt(value, 0, std::numeric_limits<int64_t>::max(), out);
  }
  // 9.2e18 ms is far beyond any latency; the bound keeps the conversion defined.
  if (value.get_double().get(number) != simdjson::SUCCESS || !(number >= 0) || number > 9e18) {
    return FieldError{"", "must be a number >= 0"};
  }
  out = static_cast<int64_t>(std::floor(number));
  return std::nullopt;
}

FieldStatus ReadHoldMs(dom::element value, std::optional<int64_t>& out) {
  if (value.is_null()) {
    out.reset();
    return std::nullopt;
  }
  int64_t ms = 0;
  if (FieldStatus error = ReadInt(value, 1, std::numeric_limits<int64_t>::max(), ms)) {
    return error;
  }
  out = ms;
  return std::nullopt;
}

constexpr auto kPreflightRules = std::to_array<FieldRule<PreflightRequest>>({
    {"user_external_id", [](dom::element v, PreflightRequest& r) { return ReadString(v, r.user); },
     true},
    {"project_external_id",
     [](dom::element v, PreflightRequest& r) { return ReadStringOrNull(v, r.project); }},
    {"job_external_id",
     [](dom::element v, PreflightRequest& r) { return ReadStringOrNull(v, r.job); }},
    {"source_app",
     [](dom::element v, PreflightRequest& r) { return ReadNonEmptyString(v, r.source_app); }, true},
    {"model", [](dom::element v, PreflightRequest& r) { return ReadNonEmptyString(v, r.model); },
     true},
    {"estimated_units", [](dom::element v, PreflightRequest& r) { return ReadUnits(v, r.units); },
     true},
    {"request_id",
     [](dom::element v, PreflightRequest& r) { return ReadStringOrNull(v, r.request_id); }},
    {"provider",
     [](dom::element v, PreflightRequest& r) { return ReadStringOrNull(v, r.provider); }},
    {"workspace",
     [](dom::element v, PreflightRequest& r) { return ReadStringOrNull(v, r.workspace); }},
    {"team", [](dom::element v, PreflightRequest& r) { return ReadStringOrNull(v, r.team); }},
    {"environment",
     [](dom::element v, PreflightRequest& r) { return ReadStringOrNull(v, r.environment); }},
    {"hold_ms", [](dom::element v, PreflightRequest& r) { return ReadHoldMs(v, r.hold_ms); }},
});

constexpr auto kRecordRules = std::to_array<FieldRule<RecordRequest>>({
    {"request_id",
     [](dom::element v, RecordRequest& r) { return ReadStringOrNull(v, r.request_id); }},
    {"user_external_id", [](dom::element v, RecordRequest& r) { return ReadString(v, r.user); },
     true},
    {"project_external_id",
     [](dom::element v, RecordRequest& r) { return ReadStringOrNull(v, r.project); }},
    {"job_external_id",
     [](dom::element v, RecordRequest& r) { return ReadStringOrNull(v, r.job); }},
    {"source_app",
     [](dom::element v, RecordRequest& r) { return ReadNonEmptyString(v, r.source_app); }, true},
    {"model", [](dom::element v, RecordRequest& r) { return ReadNonEmptyString(v, r.model); },
     true},
    {"units", [](dom::element v, RecordRequest& r) { return ReadUnits(v, r.units); }, true},
    {"latency_ms", [](dom::element v, RecordRequest& r) { return ReadLatency(v, r.latency_ms); },
     true},
    {"status", [](dom::element v, RecordRequest& r) { return ReadString(v, r.status); }, true},
});

constexpr auto kUserRules = std::to_array<FieldRule<UserRecord>>({
    {"external_id",
     [](dom::element v, UserRecord& u) { return ReadNonEmptyString(v, u.external_id); }, true},
    {"source_app",
     [](dom::element v, UserRecord& u) { return ReadNonEmptyString(v, u.source_app); }, true},
    {"email", [](dom::element v, UserRecord& u) { return ReadDisplayStringOrNull(v, u.email); }},
    {"full_name",
     [](dom::element v, UserRecord& u) { return ReadDisplayStringOrNull(v, u.full_name); }},
});

constexpr auto kProjectRules = std::to_array<FieldRule<ProjectRecord>>({
    {"external_id",
     [](dom::element v, ProjectRecord& p) { return ReadNonEmptyString(v, p.external_id); }, true},
    {"source_app",
     [](dom::element v, ProjectRecord& p) { return ReadNonEmptyString(v, p.source_app); }, true},
    {"name", [](dom::element v, ProjectRecord& p) { return ReadDisplayStringOrNull(v, p.name); }},
    {"workspace_id",
     [](dom::element v, ProjectRecord& p) { return ReadStringOrNull(v, p.workspace_id); }},
});

template <typename T, size_t N>
std::variant<T, FieldError> ReadBody(dom::element body, const std::array<FieldRule<T>, N>& rules) {
  T request;
  if (FieldStatus error = ReadObject(body, rules, UnknownFields::kIgnore, request)) {
    return std::move(*error);
  }
  return request;
}

}  // namespace

std::variant<PreflightRequest, FieldError> ReadPreflight(dom::element body) {
  return ReadBody(body, kPreflightRules);
}

std::variant<RecordRequest, FieldError> ReadRecord(dom::element body) {
  return ReadBody(body, kRecordRules);
}

std::variant<UserRecord, FieldError> ReadUserUpsert(dom::element body) {
  return ReadBody(body, kUserRules);
}

std::variant<ProjectRecord, FieldError> ReadProjectUpsert(dom::element body) {
  return ReadBody(body, kProjectRules);
}

}  // namespace costgate::central
