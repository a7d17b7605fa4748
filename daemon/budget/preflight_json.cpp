#include "daemon/budget/preflight_json.h"

#include <simdjson.h>

#include "base/json_text.h"
#include "daemon/budget/gate_decision.h"

namespace costgate::daemon::budget {
namespace {

void Text(std::string& out, std::string_view key, std::string_view value) {
  out += ',';
  base::AppendJsonKey(out, key);
  base::AppendJsonString(out, value);
}

void TextOrNull(std::string& out, std::string_view key, std::string_view value) {
  if (value.empty()) {
    out += ',';
    base::AppendJsonKey(out, key);
    out += "null";
    return;
  }
  Text(out, key, value);
}

}  // namespace

std::string PreflightRequestJson(const filters::preflight::GateCall& call) {
  static const filters::Exchange kNone;
  const filters::Exchange& x = call.x != nullptr ? *call.x : kNone;
  std::string out = "{";
  base::AppendJsonKey(out, "request_id");
  base::AppendJsonString(out, x.event_id);
  Text(out, "user_external_id", x.labels.user);
  TextOrNull(out, "project_external_id", x.labels.project);
  TextOrNull(out, "job_external_id", x.labels.job);
  Text(out, "source_app", x.labels.source_app);
  Text(out, "workspace", x.labels.workspace);
  Text(out, "team", x.labels.team);
  Text(out, "environment", x.labels.environment);
  Text(out, "provider", x.provider);
  Text(out, "model", call.model);
  out += ',';
  base::AppendJsonKey(out, "estimated_units");
  out += call.units != nullptr ? call.units->ToJson() : std::string("{}");
  if (call.estimate) {
    out += ',';
    base::AppendJsonKey(out, "estimated_cost_pico_usd");
    base::AppendJsonInt(out, call.estimate->pico());
  }
  out += ',';
  base::AppendJsonKey(out, "estimate_exact");
  out += call.exact ? "true" : "false";
  out += '}';
  return out;
}

std::optional<filters::preflight::GateDecision> ReadPreflightAnswer(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  bool allow = false;
  if (root["allow"].get_bool().get(allow) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (allow) {
    return Allowed("", nullptr, 0, "");
  }
  BudgetRef budget;
  simdjson::dom::element named;
  if (root["budget"].get(named) == simdjson::SUCCESS && named.is_object()) {
    std::string_view text;
    if (named["id"].get_string().get(text) == simdjson::SUCCESS) {
      budget.id = text;
    }
    if (named["name"].get_string().get(text) == simdjson::SUCCESS) {
      budget.name = text;
    }
    int64_t reset = 0;
    if (named["reset_unix_ms"].get_int64().get(reset) == simdjson::SUCCESS) {
      budget.period_end_unix_ms = reset;
    }
  }
  std::string_view code;
  const bool over_cap =
      root["deny_code"].get_string().get(code) == simdjson::SUCCESS && code == kOverPerRequestCap;
  return Denied(over_cap ? kOverPerRequestCap : kBudgetExhausted, &budget);
}

}  // namespace costgate::daemon::budget
