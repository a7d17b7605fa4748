#include "central/api/price_json.h"

#include <optional>

#include "central/alerts/message.h"
#include "central/api/json_members.h"
#include "pricing/catalogue_diff.h"

namespace costgate::central {
namespace {

void AppendMomentMembers(std::string& out, std::string_view name, int64_t unix_ms, int64_t none) {
  if (unix_ms == none) {
    JsonMemberName(out, name);
    out += "null";
    JsonMember(out, std::string(name) + "_unix_ms", std::optional<int64_t>());
    return;
  }
  JsonMember(out, name, alerts::UtcTimeText(unix_ms));
  JsonMember(out, std::string(name) + "_unix_ms", unix_ms);
}

}  // namespace

std::string_view PriceRowOrigin(const pricing::PriceRow& row) {
  if (row.layer == pricing::Layer::kLiteLlm) {
    return row.effective_from_ms == pricing::kSinceAlways ? "bundled" : "litellm";
  }
  return pricing::LayerName(row.layer);
}

void AppendPriceRowJson(std::string& out, const pricing::PriceRow& row, int64_t effective_to_ms) {
  out += '{';
  JsonMember(out, "key", row.key);
  JsonMember(out, "provider", row.provider);
  JsonMember(out, "mode", row.mode);
  JsonMember(out, "source", row.source);
  JsonMember(out, "origin", PriceRowOrigin(row));
  AppendMomentMembers(out, "effective_from", row.effective_from_ms, pricing::kSinceAlways);
  AppendMomentMembers(out, "effective_to", effective_to_ms, kPriceStillInForce);
  JsonMember(out, "long_context_threshold", row.long_context_threshold);
  JsonMember(out, "credits_per_character_milli", row.credits_per_character_milli);
  JsonMemberName(out, "rates");
  out += '[';
  bool first = true;
  for (const auto& [slot, amount] : row.rates()) {
    out += first ? "{" : ",{";
    first = false;
    JsonMember(out, "field", pricing::RateFieldName(slot, row.long_context_threshold));
    JsonMoneyMembers(out, "per_unit", amount);
    out += '}';
  }
  out += "]}";
}

}  // namespace costgate::central
