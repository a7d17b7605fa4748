#include "daemon/shipper/batch_json.h"

#include "base/json_text.h"
#include "base/receipt_fields.h"

namespace costgate::daemon::shipper {
namespace {

using base::AppendJsonInt;
using base::AppendJsonKey;
using base::AppendJsonString;

// Writes one event's fields in the order of base/receipt_fields.h, each value by its member's
// type; the label fields go in one "labels" object (they are next to each other).
class EventWriter {
 public:
  EventWriter(std::string& out, const std::string& units_json)
      : out_(out), units_json_(units_json) {}

  template <typename Member>
  void Field(base::FieldPlace place, std::string_view key, const Member& value) {
    const bool label = place == base::FieldPlace::kLabel;
    if (label && !in_labels_) {
      Separate();
      AppendJsonKey(out_, "labels");
      out_.push_back('{');
      in_labels_ = true;
      first_ = true;
    } else if (!label && in_labels_) {
      out_.push_back('}');
      in_labels_ = false;
    }
    Separate();
    AppendJsonKey(out_, key);
    Value(value);
  }

  void End() { out_.append(in_labels_ ? "}}" : "}"); }

 private:
  // A comma before every member of an object but its first.
  void Separate() {
    if (!first_) {
      out_.push_back(',');
    }
    first_ = false;
  }

  void Value(const std::string& v) { AppendJsonString(out_, v); }
  void Value(bool v) { out_.append(v ? "true" : "false"); }
  void Value(int v) { AppendJsonInt(out_, v); }
  void Value(int64_t v) { AppendJsonInt(out_, v); }
  void Value(uint64_t v) { AppendJsonInt(out_, static_cast<int64_t>(v)); }
  void Value(const std::optional<pricing::Money>& v) {
    if (v.has_value()) {
      AppendJsonInt(out_, v->pico());
    } else {
      out_.append("null");
    }
  }
  void Value(filters::Outcome v) { AppendJsonString(out_, filters::OutcomeName(v)); }
  // Written by Units::ToJson() and read back verbatim: already a JSON object.
  void Value(const filters::Units&) {
    out_.append(units_json_.empty() ? std::string_view("{}") : units_json_);
  }

  std::string& out_;
  const std::string& units_json_;
  bool first_ = true;
  bool in_labels_ = false;
};

void AppendEvent(std::string& out, const outbox::StoredReceipt& stored) {
  out.push_back('{');
  EventWriter writer(out, stored.units_json);
  base::ForEachReceiptField([&](const auto& field) {
    writer.Field(field.place, field.key, field.outbox.Of(stored.receipt));
  });
  writer.End();
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
