#include "central/alerts/webhook_body.h"

#include "base/hmac_sha256.h"
#include "central/api/json_members.h"

namespace costgate::central::alerts {
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
  JsonMember(out, "text", SlackEscape(sentence));
  JsonMemberName(out, "budget");
  out += '{';
  JsonMember(out, "id", alert.budget_id);
  JsonMember(out, "name", alert.budget_name);
  JsonMember(out, "period", alert.period);
  JsonMember(out, "period_key", alert.period_key);
  JsonMember(out, "period_start_unix_ms", alert.period_start_unix_ms);
  JsonMember(out, "period_end_unix_ms", alert.period_end_unix_ms);
  JsonMoneyMembers(out, "amount", alert.amount);
  out += '}';
  JsonMemberName(out, "alert");
  out += '{';
  JsonMember(out, "id", alert.id);
  JsonMember(out, "kind", alert.kind);
  JsonMember(out, "threshold_percent", alert.threshold_percent);
  JsonMember(out, "fired_unix_ms", alert.fired_unix_ms);
  JsonMoneyMembers(out, "spent", alert.spent);
  JsonMoneyMembers(out, "projected", alert.projected);
  JsonMember(out, "subject", alert.subject);
  JsonMember(out, "message", alert.text);
  out += '}';
  JsonMemberName(out, "delivery");
  out += '{';
  JsonMember(out, "id", delivery_id);
  JsonMember(out, "attempt", attempt);
  JsonMember(out, "timestamp", timestamp_unix_s);
  out += "}}";
  return out;
}

std::string WebhookSignature(std::string_view secret, std::string_view body) {
  return "sha256=" + base::HmacSha256Hex(secret, body);
}

}  // namespace costgate::central::alerts
