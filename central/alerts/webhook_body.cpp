#include "central/alerts/webhook_body.h"

#include "base/hmac_sha256.h"
#include "central/api/json_out.h"

namespace costgate::central::alerts {
namespace {

void Field(std::string& out, std::string_view name, std::string_view text) {
  AppendJsonKey(out, name);
  AppendJsonString(out, text);
  out += ',';
}

void Field(std::string& out, std::string_view name, int64_t value) {
  AppendJsonKey(out, name);
  AppendJsonInt(out, value);
  out += ',';
}

void Money(std::string& out, std::string_view name, const std::optional<pricing::Money>& amount) {
  AppendJsonKey(out, std::string(name) + "_usd");
  out += amount ? UsdNumber(*amount) : "null";
  out += ',';
  AppendJsonKey(out, std::string(name) + "_pico_usd");
  if (amount) {
    AppendJsonInt(out, amount->pico());
  } else {
    out += "null";
  }
  out += ',';
}

// Ends an object whose last member left a ',' behind.
void Close(std::string& out) { out.back() = '}'; }

}  // namespace

std::string SlackEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string WebhookBody(const Alert& alert, int64_t delivery_id, int attempt,
                        int64_t timestamp_unix_s) {
  const std::string_view sentence = std::string_view(alert.text).substr(0, alert.text.find('\n'));
  std::string out = "{";
  Field(out, "text", SlackEscape(sentence));
  AppendJsonKey(out, "budget");
  out += '{';
  Field(out, "id", alert.budget_id);
  Field(out, "name", alert.budget_name);
  Field(out, "period", alert.period);
  Field(out, "period_key", alert.period_key);
  Field(out, "period_start_unix_ms", alert.period_start_unix_ms);
  Field(out, "period_end_unix_ms", alert.period_end_unix_ms);
  Money(out, "amount", alert.amount);
  Close(out);
  out += ',';
  AppendJsonKey(out, "alert");
  out += '{';
  Field(out, "id", alert.id);
  Field(out, "kind", alert.kind);
  Field(out, "threshold_percent", alert.threshold_percent);
  Field(out, "fired_unix_ms", alert.fired_unix_ms);
  Money(out, "spent", alert.spent);
  Money(out, "projected", alert.projected);
  Field(out, "subject", alert.subject);
  Field(out, "message", alert.text);
  Close(out);
  out += ',';
  AppendJsonKey(out, "delivery");
  out += '{';
  Field(out, "id", delivery_id);
  Field(out, "attempt", attempt);
  Field(out, "timestamp", timestamp_unix_s);
  Close(out);
  out += '}';
  return out;
}

std::string WebhookSignature(std::string_view secret, std::string_view body) {
  return "sha256=" + base::HmacSha256Hex(secret, body);
}

}  // namespace costgate::central::alerts
