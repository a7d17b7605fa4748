#include "central/api/event_json.h"

#include "base/receipt_fields.h"
#include "central/api/json_members.h"
#include "central/api/json_out.h"

namespace costgate::central {
namespace {

// One stored field as a member, by its type; money as `<name>_usd` and `<name>_pico_usd`.
struct EventMemberWriter {
  std::string& out;
  std::string_view column;

  void operator()(const std::string& v) const { JsonMember(out, column, v); }
  void operator()(bool v) const { JsonBoolMember(out, column, v); }
  void operator()(int v) const { JsonMember(out, column, static_cast<int64_t>(v)); }
  void operator()(int64_t v) const { JsonMember(out, column, v); }
  void operator()(uint64_t v) const { JsonMember(out, column, static_cast<int64_t>(v)); }
  void operator()(const std::optional<pricing::Money>& v) const {
    constexpr std::string_view kSuffix = "_pico_usd";
    JsonMoneyMembers(out, column.substr(0, column.size() - kSuffix.size()), v);
  }
  void operator()(const EventUnits& units) const {
    JsonMemberName(out, "units");
    out += '{';
    for (const auto& [name, value] : units) {
      JsonMember(out, name, value);
    }
    out += '}';
  }
};

}  // namespace

void AppendEventJson(std::string& out, const Event& e) {
  out += '{';
  base::ForEachReceiptField([&](const auto& field) {
    if constexpr (base::kKeptByCentral<decltype(field)>) {
      EventMemberWriter{out, field.central.column}(field.central.Of(e));
    }
  });
  JsonMember(out, "origin", e.origin);
  JsonMember(out, "request_id", e.request_id);
  JsonMoneyMembers(out, "cost", e.cost);
  JsonMember(out, "pricing_version", e.pricing_version);
  JsonMember(out, "unpriced_reason", e.unpriced_reason);
  JsonMember(out, "received_unix_ms", e.received_unix_ms);
  JsonMember(out, "pricing_notes", e.pricing_notes);
  out += '}';
}

}  // namespace costgate::central
