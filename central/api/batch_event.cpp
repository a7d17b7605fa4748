#include "central/api/batch_event.h"

#include <array>
#include <limits>

namespace costgate::central {
namespace dom = simdjson::dom;
namespace {

constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();

bool IsEventIdChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
         c == '_';
}

FieldStatus ReadEventId(dom::element value, Event& e) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS || text.empty() || text.size() > 64) {
    return FieldError{"", "must be 1..64 characters of [0-9A-Za-z-_]"};
  }
  for (const char c : text) {
    if (!IsEventIdChar(c)) {
      return FieldError{"", "must be 1..64 characters of [0-9A-Za-z-_]"};
    }
  }
  e.event_id.assign(text);
  return std::nullopt;
}

FieldStatus ReadStatus(dom::element value, Event& e) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS &&
      (text == "success" || text == "upstream_error" || text == "cancelled" ||
       text == "interrupted" || text == "denied")) {
    e.status.assign(text);
    return std::nullopt;
  }
  return FieldError{"", "must be one of success, upstream_error, cancelled, interrupted, denied"};
}

FieldStatus ReadProxyCost(dom::element value, Event& e) {
  if (value.is_null()) {
    e.proxy_cost.reset();
    return std::nullopt;
  }
  int64_t pico = 0;
  if (ReadInt(value, 0, kMaxInt, pico)) {
    return FieldError{"", "must be an integer >= 0 or null"};
  }
  e.proxy_cost = pricing::Money::FromPico(pico);
  return std::nullopt;
}

FieldStatus Discard(dom::element value, Event&) {
  // The proxy's price key and unpriced reason: central resolves its own (reprice.h).
  std::string ignored;
  return ReadString(value, ignored);
}

constexpr auto kLabelRules = std::to_array<FieldRule<Event>>({
    {"source_app", [](dom::element v, Event& e) { return ReadString(v, e.source_app); }},
    {"workspace", [](dom::element v, Event& e) { return ReadString(v, e.workspace); }},
    {"team", [](dom::element v, Event& e) { return ReadString(v, e.team); }},
    {"project", [](dom::element v, Event& e) { return ReadString(v, e.project); }},
    {"environment", [](dom::element v, Event& e) { return ReadString(v, e.environment); }},
    {"pod", [](dom::element v, Event& e) { return ReadString(v, e.pod); }},
    {"user", [](dom::element v, Event& e) { return ReadString(v, e.user); }},
    {"job", [](dom::element v, Event& e) { return ReadString(v, e.job); }},
    {"feature", [](dom::element v, Event& e) { return ReadString(v, e.feature); }},
});

FieldStatus ReadLabels(dom::element value, Event& e) {
  return ReadObject(value, kLabelRules, UnknownFields::kReject, e);
}

constexpr auto kEventRules = std::to_array<FieldRule<Event>>({
    {"event_id", ReadEventId, true},
    {"start_unix_ms",
     [](dom::element v, Event& e) { return ReadInt(v, 0, kMaxInt, e.start_unix_ms); }, true},
    {"end_unix_ms", [](dom::element v, Event& e) { return ReadInt(v, 0, kMaxInt, e.end_unix_ms); },
     true},
    {"host", [](dom::element v, Event& e) { return ReadString(v, e.host); }},
    {"daemon_version", [](dom::element v, Event& e) { return ReadString(v, e.daemon_version); }},
    {"labels", ReadLabels, true},
    {"provider", [](dom::element v, Event& e) { return ReadString(v, e.provider); }, true},
    {"operation", [](dom::element v, Event& e) { return ReadString(v, e.operation); }, true},
    {"metered", [](dom::element v, Event& e) { return ReadBool(v, e.metered); }},
    {"model", [](dom::element v, Event& e) { return ReadString(v, e.model); }, true},
    {"model_version", [](dom::element v, Event& e) { return ReadString(v, e.model_version); }},
    {"service_tier", [](dom::element v, Event& e) { return ReadString(v, e.service_tier); }},
    {"units", [](dom::element v, Event& e) { return ReadUnits(v, e.units); }, true},
    {"estimated", [](dom::element v, Event& e) { return ReadBool(v, e.estimated); }},
    {"status", ReadStatus, true},
    {"reason", [](dom::element v, Event& e) { return ReadString(v, e.reason); }},
    {"http_status",
     [](dom::element v, Event& e) {
       int64_t status = 0;
       FieldStatus error = ReadInt(v, 0, 999, status);
       e.http_status = static_cast<int>(status);
       return error;
     }},
    {"latency_ms", [](dom::element v, Event& e) { return ReadInt(v, 0, kMaxInt, e.latency_ms); }},
    {"ttfb_ms", [](dom::element v, Event& e) { return ReadInt(v, -1, kMaxInt, e.ttfb_ms); }},
    {"request_bytes", [](dom::element v, Event& e) { return ReadUint(v, e.request_bytes); }},
    {"response_bytes", [](dom::element v, Event& e) { return ReadUint(v, e.response_bytes); }},
    {"cost_pico_usd", ReadProxyCost},
    {"pricing_version",
     [](dom::element v, Event& e) { return ReadString(v, e.proxy_pricing_version); }},
    {"price_key", [](dom::element v, Event& e) { return ReadString(v, e.price_key); }},
    {"unpriced_reason", Discard},
    {"pricing_notes", Discard},  // central computes its own (reprice.h)
});

}  // namespace

std::variant<Event, FieldError> ReadBatchEvent(dom::element value) {
  Event event;
  event.origin = "proxy";
  if (FieldStatus error = ReadObject(value, kEventRules, UnknownFields::kReject, event)) {
    return std::move(*error);
  }
  if (event.end_unix_ms < event.start_unix_ms) {
    return FieldError{"end_unix_ms", "must be >= start_unix_ms"};
  }
  return event;
}

std::string EventIdOf(dom::element value) {
  std::string_view id;
  if (value["event_id"].get_string().get(id) != simdjson::SUCCESS) {
    return {};
  }
  return std::string(id);
}

}  // namespace costgate::central
