// libFuzzer target for central's batch reader: a POST /v1/usage/batch body parsed as central
// parses it, then every element of its "events" array read by ReadBatchEvent.
//
// Input: the body. Beyond what the sanitizers catch, it aborts when an event is accepted that
// breaks a rule of docs/usage-batch.md (every string is text by base/text_rule.h, the event_id
// alphabet, end >= start, units named [a-z0-9_]+ and >= 0, at most kMaxUnits of them, a known
// status), when a refusal names no reason, or when reading the same event twice disagrees.
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "base/text_rule.h"
#include "central/api/batch_event.h"
#include "central/api/json_read.h"

namespace {

using costgate::base::CheckText;
using costgate::base::kMaxIdBytes;
using costgate::base::TextProblem;
using costgate::central::Event;
using costgate::central::FieldError;

void Require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

bool IsText(const std::string& text) { return CheckText(text, kMaxIdBytes) == TextProblem::kNone; }

bool IsEventId(std::string_view id) {
  if (id.empty() || id.size() > 64) {
    return false;
  }
  for (const char c : id) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '-' || c == '_';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool IsUnitName(std::string_view name) {
  if (name.empty() || name.size() > kMaxIdBytes) {
    return false;
  }
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

void CheckAccepted(const Event& e) {
  Require(IsEventId(e.event_id));
  Require(e.origin == "proxy");
  for (const std::string* text :
       {&e.host, &e.daemon_version, &e.source_app, &e.workspace, &e.team, &e.project, &e.user,
        &e.job, &e.feature, &e.environment, &e.pod, &e.provider, &e.operation, &e.model,
        &e.model_version, &e.service_tier, &e.reason, &e.proxy_pricing_version, &e.price_key}) {
    Require(IsText(*text));
  }
  Require(e.start_unix_ms >= 0 && e.end_unix_ms >= e.start_unix_ms);
  Require(e.status == "success" || e.status == "upstream_error" || e.status == "cancelled" ||
          e.status == "interrupted" || e.status == "denied");
  Require(e.http_status >= 0 && e.http_status <= 999);
  Require(e.latency_ms >= 0 && e.ttfb_ms >= -1);
  Require(!e.proxy_cost || e.proxy_cost->pico() >= 0);
  Require(e.units.size() <= costgate::central::kMaxUnits);
  for (size_t i = 0; i < e.units.size(); ++i) {
    Require(IsUnitName(e.units[i].first) && e.units[i].second >= 0);
    for (size_t j = 0; j < i; ++j) {
      Require(e.units[i].first != e.units[j].first);
    }
  }
}

bool SameRead(const std::variant<Event, FieldError>& a, const std::variant<Event, FieldError>& b) {
  if (a.index() != b.index()) {
    return false;
  }
  if (const FieldError* error = std::get_if<FieldError>(&a)) {
    const FieldError& other = std::get<FieldError>(b);
    return error->field == other.field && error->reason == other.reason;
  }
  const Event& x = std::get<Event>(a);
  const Event& y = std::get<Event>(b);
  return x.event_id == y.event_id && x.units == y.units && x.model == y.model &&
         x.end_unix_ms == y.end_unix_ms;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  simdjson::dom::element root;
  if (costgate::central::ParseJsonBody(body).get(root) != simdjson::SUCCESS) {
    return 0;
  }
  simdjson::dom::array events;
  if (root.at_key("events").get_array().get(events) != simdjson::SUCCESS) {
    // A single event on its own is read too: the seeds reach the reader either way.
    const std::variant<Event, FieldError> read = costgate::central::ReadBatchEvent(root);
    if (const Event* event = std::get_if<Event>(&read)) {
      CheckAccepted(*event);
    } else {
      Require(!std::get<FieldError>(read).reason.empty());
    }
    return 0;
  }
  for (const simdjson::dom::element value : events) {
    const std::variant<Event, FieldError> read = costgate::central::ReadBatchEvent(value);
    if (const Event* event = std::get_if<Event>(&read)) {
      CheckAccepted(*event);
    } else {
      const FieldError& error = std::get<FieldError>(read);
      Require(!error.reason.empty());
      // A refusal names its field within what an answer may repeat.
      Require(error.field.size() <= 2 * kMaxIdBytes + 16);
    }
    Require(SameRead(read, costgate::central::ReadBatchEvent(value)));
    (void)costgate::central::EventIdOf(value);
  }
  return 0;
}
