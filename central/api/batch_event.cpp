#include "central/api/batch_event.h"

#include <array>
#include <limits>
#include <tuple>
#include <type_traits>

#include "base/receipt_fields.h"

namespace costgate::central {
namespace dom = simdjson::dom;
namespace {

constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();

bool IsEventIdChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
         c == '_';
}

FieldStatus ReadEventId(dom::element value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS || text.empty() || text.size() > 64) {
    return FieldError{"", "must be 1..64 characters of [0-9A-Za-z-_]"};
  }
  for (const char c : text) {
    if (!IsEventIdChar(c)) {
      return FieldError{"", "must be 1..64 characters of [0-9A-Za-z-_]"};
    }
  }
  out.assign(text);
  return std::nullopt;
}

FieldStatus ReadStatus(dom::element value, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text) == simdjson::SUCCESS &&
      (text == "success" || text == "upstream_error" || text == "cancelled" ||
       text == "interrupted" || text == "denied")) {
    out.assign(text);
    return std::nullopt;
  }
  return FieldError{"", "must be one of success, upstream_error, cancelled, interrupted, denied"};
}

FieldStatus ReadProxyCost(dom::element value, std::optional<pricing::Money>& out) {
  if (value.is_null()) {
    out.reset();
    return std::nullopt;
  }
  int64_t pico = 0;
  if (ReadInt(value, 0, kMaxInt, pico)) {
    return FieldError{"", "must be an integer >= 0 or null"};
  }
  out = pricing::Money::FromPico(pico);
  return std::nullopt;
}

FieldStatus ReadHttpStatus(dom::element value, int& out) {
  int64_t status = 0;
  FieldStatus error = ReadInt(value, 0, 999, status);
  out = static_cast<int>(status);
  return error;
}

// Reads a value of `kind` (base/receipt_fields.h) into a member of Event.
template <base::FieldKind kKind, typename Member>
FieldStatus ReadValue(dom::element value, Member& out) {
  using base::FieldKind;
  if constexpr (kKind == FieldKind::kEventId) {
    return ReadEventId(value, out);
  } else if constexpr (kKind == FieldKind::kText) {
    return ReadString(value, out);
  } else if constexpr (kKind == FieldKind::kBool) {
    return ReadBool(value, out);
  } else if constexpr (kKind == FieldKind::kCount && std::is_same_v<Member, uint64_t>) {
    return ReadUint(value, out);
  } else if constexpr (kKind == FieldKind::kCount) {
    return ReadInt(value, 0, kMaxInt, out);
  } else if constexpr (kKind == FieldKind::kMsOrNone) {
    return ReadInt(value, -1, kMaxInt, out);
  } else if constexpr (kKind == FieldKind::kHttpStatus) {
    return ReadHttpStatus(value, out);
  } else if constexpr (kKind == FieldKind::kMoney) {
    return ReadProxyCost(value, out);
  } else if constexpr (kKind == FieldKind::kOutcome) {
    return ReadStatus(value, out);
  } else {
    static_assert(kKind == FieldKind::kUnits);
    return ReadUnits(value, out);
  }
}

// Reads field I of base::kReceiptFields into its member of Event.
template <size_t I>
FieldStatus ReadField(dom::element value, Event& e) {
  constexpr const auto& field = std::get<I>(base::kReceiptFields);
  if constexpr (base::kKeptByCentral<decltype(field)>) {
    return ReadValue<field.kind>(value, field.central.Of(e));
  } else {
    // Central prices the event itself (reprice.h): the proxy's value is checked, not kept.
    std::string ignored;
    return ReadValue<field.kind>(value, ignored);
  }
}

constexpr size_t CountLabels() {
  size_t count = 0;
  base::ForEachReceiptField(
      [&](const auto& field) { count += field.place == base::FieldPlace::kLabel ? 1 : 0; });
  return count;
}
constexpr size_t kLabelCount = CountLabels();

constexpr std::array<FieldRule<Event>, kLabelCount> LabelRules() {
  std::array<FieldRule<Event>, kLabelCount> rules{};
  size_t n = 0;
  base::ForEachReceiptFieldIndex([&](auto index) {
    constexpr const auto& field = std::get<index.value>(base::kReceiptFields);
    if constexpr (field.place == base::FieldPlace::kLabel) {
      rules[n++] = {field.key, &ReadField<index.value>};
    }
  });
  return rules;
}
constexpr auto kLabelRules = LabelRules();

FieldStatus ReadLabels(dom::element value, Event& e) {
  return ReadObject(value, kLabelRules, UnknownFields::kReject, e);
}

// The top-level fields, with the "labels" object where the label fields are.
constexpr size_t kEventRuleCount = base::kReceiptFieldCount - kLabelCount + 1;
constexpr std::array<FieldRule<Event>, kEventRuleCount> EventRules() {
  std::array<FieldRule<Event>, kEventRuleCount> rules{};
  size_t n = 0;
  bool labels_added = false;
  base::ForEachReceiptFieldIndex([&](auto index) {
    constexpr const auto& field = std::get<index.value>(base::kReceiptFields);
    if constexpr (field.place != base::FieldPlace::kLabel) {
      rules[n++] = {field.key, &ReadField<index.value>, field.place == base::FieldPlace::kRequired};
    } else if (!labels_added) {
      rules[n++] = {"labels", ReadLabels, true};
      labels_added = true;
    }
  });
  return rules;
}
constexpr auto kEventRules = EventRules();

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
