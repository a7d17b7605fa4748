#include "daemon/shipper/batch_json.h"

#include "base/json_text.h"

namespace costgate::daemon::shipper {
namespace {

using base::AppendJsonInt;
using base::AppendJsonKey;
using base::AppendJsonString;

void Str(std::string& out, std::string_view key, std::string_view value) {
  out.push_back(',');
  AppendJsonKey(out, key);
  AppendJsonString(out, value);
}

void Int(std::string& out, std::string_view key, int64_t value) {
  out.push_back(',');
  AppendJsonKey(out, key);
  AppendJsonInt(out, value);
}

void Bool(std::string& out, std::string_view key, bool value) {
  out.push_back(',');
  AppendJsonKey(out, key);
  out.append(value ? "true" : "false");
}

void AppendLabels(std::string& out, const filters::Labels& l) {
  out.append(R"(,"labels":{"source_app":)");
  AppendJsonString(out, l.source_app);
  Str(out, "workspace", l.workspace);
  Str(out, "team", l.team);
  Str(out, "project", l.project);
  Str(out, "environment", l.environment);
  Str(out, "pod", l.pod);
  Str(out, "user", l.user);
  Str(out, "job", l.job);
  Str(out, "feature", l.feature);
  out.push_back('}');
}

void AppendEvent(std::string& out, const outbox::StoredReceipt& stored) {
  const filters::Receipt& r = stored.receipt;
  out.append(R"({"event_id":)");
  AppendJsonString(out, r.event_id);
  Int(out, "start_unix_ms", r.start_unix_ms);
  Int(out, "end_unix_ms", r.end_unix_ms);
  Str(out, "host", r.host);
  Str(out, "daemon_version", r.daemon_version);
  AppendLabels(out, r.labels);
  Str(out, "provider", r.provider);
  Str(out, "operation", r.operation);
  Bool(out, "metered", r.metered);
  Str(out, "model", r.model_requested);
  Str(out, "model_version", r.model_version);
  Str(out, "service_tier", r.service_tier);
  // Written by Units::ToJson() and read back verbatim: already a JSON object.
  out.append(R"(,"units":)");
  out.append(stored.units_json.empty() ? std::string_view("{}") : stored.units_json);
  Bool(out, "estimated", r.estimated);
  Str(out, "status", filters::OutcomeName(r.outcome));
  Str(out, "reason", r.reason);
  Int(out, "http_status", r.http_status);
  Int(out, "latency_ms", r.latency_ms);
  Int(out, "ttfb_ms", r.ttfb_ms);
  Int(out, "request_bytes", static_cast<int64_t>(r.request_bytes));
  Int(out, "response_bytes", static_cast<int64_t>(r.response_bytes));
  if (r.cost.has_value()) {
    Int(out, "cost_pico_usd", r.cost->pico());
  } else {
    out.append(R"(,"cost_pico_usd":null)");
  }
  Str(out, "pricing_version", r.pricing_version);
  Str(out, "price_key", r.price_key);
  Str(out, "unpriced_reason", r.unpriced_reason);
  Str(out, "pricing_notes", r.pricing_notes);
  out.push_back('}');
}

}  // namespace

std::string BatchJson(std::span<const outbox::StoredReceipt> receipts) {
  std::string out;
  out.reserve(64 + receipts.size() * 900);
  out.append(R"({"events":[)");
  for (size_t i = 0; i < receipts.size(); ++i) {
    if (i > 0) {
      out.push_back(',');
    }
    AppendEvent(out, receipts[i]);
  }
  out.append("]}");
  return out;
}

}  // namespace costgate::daemon::shipper
