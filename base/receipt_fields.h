// The fields a receipt carries from the proxy to central, written once. The outbox's receipts
// table (daemon/outbox), the usage/batch JSON the shipper writes (daemon/shipper, the contract
// docs/usage-batch.md), central's reading of it (central/api/batch_event) and central's events
// table (central/store) are all expanded from kReceiptFields: a new field is one entry here, its
// member in filters::Receipt and central::Event, a schema version on each side, and its tests.
//
// It lives in base because both the daemon and central expand it and central may not include
// filters. It knows neither struct: an entry names each side's member through a generic lambda
// that is instantiated only where filters::Receipt or central::Event is known. Columns only one
// side has (the outbox's shipping state, central's own price and received time) are not fields:
// they stay beside the code that expands this table.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace costgate::base {

// What a field holds: its SQL type (SqlType), its JSON form, and what central accepts.
enum class FieldKind {
  kEventId,     // TEXT PRIMARY KEY; a string of 1..64 [0-9A-Za-z-_]
  kText,        // TEXT NOT NULL; a string, "" when none
  kBool,        // INTEGER NOT NULL 0/1; true/false
  kCount,       // INTEGER NOT NULL; an integer >= 0 (Unix ms, durations, byte counts)
  kMsOrNone,    // INTEGER NOT NULL; an integer >= -1, -1 = none
  kHttpStatus,  // INTEGER NOT NULL; an integer 0..999
  kMoney,       // INTEGER, NULL = unpriced; pico-USD (pricing/money.h), an integer >= 0 or null
  kOutcome,     // TEXT NOT NULL; success, upstream_error, cancelled, interrupted or denied
  kUnits,       // TEXT NOT NULL holding a JSON object; an object of unit name -> integer >= 0
};

// Where a field is in a usage/batch event.
enum class FieldPlace {
  kRequired,  // at the top; central refuses an event without it
  kOptional,  // at the top; absent reads as the member's default
  kLabel,     // in the "labels" object (which is required; each label in it is optional)
};

// The column declaration of a field of `kind`, the same in the outbox and at central.
constexpr std::string_view SqlType(FieldKind kind) {
  switch (kind) {
    case FieldKind::kEventId:
      return "TEXT PRIMARY KEY";
    case FieldKind::kText:
    case FieldKind::kOutcome:
    case FieldKind::kUnits:
      return "TEXT NOT NULL";
    case FieldKind::kBool:
    case FieldKind::kCount:
    case FieldKind::kMsOrNone:
    case FieldKind::kHttpStatus:
      return "INTEGER NOT NULL";
    case FieldKind::kMoney:
      return "INTEGER";
  }
  return "";
}

// A field on one side: its column there and its member, `[](auto* x) { return &x->member; }`
// (so a const receipt gives a const member).
template <typename Member>
struct FieldSide {
  std::string_view column;
  Member member;

  // The member of `x` (a filters::Receipt for the outbox side, a central::Event for central's).
  template <typename T>
  constexpr auto& Of(T& x) const {
    return *member(&x);
  }
};
template <typename Member>
FieldSide(std::string_view, Member) -> FieldSide<Member>;

// Central does not keep the proxy's value of this field: it prices every event itself
// (central/api/reprice.h) and stores its own unpriced reason and notes in columns of its own.
// Central still reads the field (a string, by the text rule) so a malformed one is refused.
struct NotKeptByCentral {};
inline constexpr NotKeptByCentral kNotKeptByCentral{};

template <typename OfReceipt, typename OfEvent>
struct ReceiptField {
  std::string_view key;  // in the usage/batch event (in "labels" for kLabel)
  FieldKind kind;
  FieldPlace place;
  FieldSide<OfReceipt> outbox;  // column of the receipts table, member of filters::Receipt
  OfEvent central;              // FieldSide: column of the events table, member of central::Event
};
template <typename OfReceipt, typename OfEvent>
ReceiptField(std::string_view, FieldKind, FieldPlace, FieldSide<OfReceipt>, OfEvent)
    -> ReceiptField<OfReceipt, OfEvent>;

template <typename Field>
inline constexpr bool kKeptByCentral =
    !std::is_same_v<std::remove_cvref_t<decltype(std::declval<Field>().central)>, NotKeptByCentral>;

// In the order of the usage/batch event (docs/usage-batch.md), which is also the order of the
// columns these fields make in a table created by this build. Tables created by older builds
// have their columns in other orders: every statement names its columns.
inline constexpr std::tuple kReceiptFields{
    ReceiptField{"event_id", FieldKind::kEventId, FieldPlace::kRequired,
                 FieldSide{"event_id", [](auto* r) { return &r->event_id; }},
                 FieldSide{"event_id", [](auto* e) { return &e->event_id; }}},
    ReceiptField{"start_unix_ms", FieldKind::kCount, FieldPlace::kRequired,
                 FieldSide{"start_unix_ms", [](auto* r) { return &r->start_unix_ms; }},
                 FieldSide{"start_unix_ms", [](auto* e) { return &e->start_unix_ms; }}},
    ReceiptField{"end_unix_ms", FieldKind::kCount, FieldPlace::kRequired,
                 FieldSide{"end_unix_ms", [](auto* r) { return &r->end_unix_ms; }},
                 FieldSide{"end_unix_ms", [](auto* e) { return &e->end_unix_ms; }}},
    ReceiptField{"host", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"host", [](auto* r) { return &r->host; }},
                 FieldSide{"host", [](auto* e) { return &e->host; }}},
    ReceiptField{"daemon_version", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"daemon_version", [](auto* r) { return &r->daemon_version; }},
                 FieldSide{"daemon_version", [](auto* e) { return &e->daemon_version; }}},
    ReceiptField{"source_app", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"source_app", [](auto* r) { return &r->labels.source_app; }},
                 FieldSide{"source_app", [](auto* e) { return &e->source_app; }}},
    ReceiptField{"workspace", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"workspace", [](auto* r) { return &r->labels.workspace; }},
                 FieldSide{"workspace", [](auto* e) { return &e->workspace; }}},
    ReceiptField{"team", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"team", [](auto* r) { return &r->labels.team; }},
                 FieldSide{"team", [](auto* e) { return &e->team; }}},
    ReceiptField{"project", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"project", [](auto* r) { return &r->labels.project; }},
                 FieldSide{"project", [](auto* e) { return &e->project; }}},
    ReceiptField{"environment", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"environment", [](auto* r) { return &r->labels.environment; }},
                 FieldSide{"environment", [](auto* e) { return &e->environment; }}},
    ReceiptField{"pod", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"pod", [](auto* r) { return &r->labels.pod; }},
                 FieldSide{"pod", [](auto* e) { return &e->pod; }}},
    ReceiptField{"user", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"user", [](auto* r) { return &r->labels.user; }},
                 FieldSide{"user", [](auto* e) { return &e->user; }}},
    ReceiptField{"job", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"job", [](auto* r) { return &r->labels.job; }},
                 FieldSide{"job", [](auto* e) { return &e->job; }}},
    ReceiptField{"feature", FieldKind::kText, FieldPlace::kLabel,
                 FieldSide{"feature", [](auto* r) { return &r->labels.feature; }},
                 FieldSide{"feature", [](auto* e) { return &e->feature; }}},
    ReceiptField{"provider", FieldKind::kText, FieldPlace::kRequired,
                 FieldSide{"provider", [](auto* r) { return &r->provider; }},
                 FieldSide{"provider", [](auto* e) { return &e->provider; }}},
    ReceiptField{"operation", FieldKind::kText, FieldPlace::kRequired,
                 FieldSide{"operation", [](auto* r) { return &r->operation; }},
                 FieldSide{"operation", [](auto* e) { return &e->operation; }}},
    ReceiptField{"metered", FieldKind::kBool, FieldPlace::kOptional,
                 FieldSide{"metered", [](auto* r) { return &r->metered; }},
                 FieldSide{"metered", [](auto* e) { return &e->metered; }}},
    // The model the client asked for (from the URL).
    ReceiptField{"model", FieldKind::kText, FieldPlace::kRequired,
                 FieldSide{"model_requested", [](auto* r) { return &r->model_requested; }},
                 FieldSide{"model", [](auto* e) { return &e->model; }}},
    ReceiptField{"model_version", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"model_version", [](auto* r) { return &r->model_version; }},
                 FieldSide{"model_version", [](auto* e) { return &e->model_version; }}},
    ReceiptField{"service_tier", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"service_tier", [](auto* r) { return &r->service_tier; }},
                 FieldSide{"service_tier", [](auto* e) { return &e->service_tier; }}},
    ReceiptField{"units", FieldKind::kUnits, FieldPlace::kRequired,
                 FieldSide{"units_json", [](auto* r) { return &r->units; }},
                 FieldSide{"units_json", [](auto* e) { return &e->units; }}},
    ReceiptField{"estimated", FieldKind::kBool, FieldPlace::kOptional,
                 FieldSide{"estimated", [](auto* r) { return &r->estimated; }},
                 FieldSide{"estimated", [](auto* e) { return &e->estimated; }}},
    ReceiptField{"status", FieldKind::kOutcome, FieldPlace::kRequired,
                 FieldSide{"outcome", [](auto* r) { return &r->outcome; }},
                 FieldSide{"status", [](auto* e) { return &e->status; }}},
    ReceiptField{"reason", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"reason", [](auto* r) { return &r->reason; }},
                 FieldSide{"reason", [](auto* e) { return &e->reason; }}},
    ReceiptField{"http_status", FieldKind::kHttpStatus, FieldPlace::kOptional,
                 FieldSide{"http_status", [](auto* r) { return &r->http_status; }},
                 FieldSide{"http_status", [](auto* e) { return &e->http_status; }}},
    ReceiptField{"latency_ms", FieldKind::kCount, FieldPlace::kOptional,
                 FieldSide{"latency_ms", [](auto* r) { return &r->latency_ms; }},
                 FieldSide{"latency_ms", [](auto* e) { return &e->latency_ms; }}},
    ReceiptField{"ttfb_ms", FieldKind::kMsOrNone, FieldPlace::kOptional,
                 FieldSide{"ttfb_ms", [](auto* r) { return &r->ttfb_ms; }},
                 FieldSide{"ttfb_ms", [](auto* e) { return &e->ttfb_ms; }}},
    ReceiptField{"request_bytes", FieldKind::kCount, FieldPlace::kOptional,
                 FieldSide{"request_bytes", [](auto* r) { return &r->request_bytes; }},
                 FieldSide{"request_bytes", [](auto* e) { return &e->request_bytes; }}},
    ReceiptField{"response_bytes", FieldKind::kCount, FieldPlace::kOptional,
                 FieldSide{"response_bytes", [](auto* r) { return &r->response_bytes; }},
                 FieldSide{"response_bytes", [](auto* e) { return &e->response_bytes; }}},
    // The proxy's price, kept at central beside central's own (authoritative) one.
    ReceiptField{"cost_pico_usd", FieldKind::kMoney, FieldPlace::kOptional,
                 FieldSide{"cost_pico_usd", [](auto* r) { return &r->cost; }},
                 FieldSide{"proxy_cost_pico_usd", [](auto* e) { return &e->proxy_cost; }}},
    ReceiptField{
        "pricing_version", FieldKind::kText, FieldPlace::kOptional,
        FieldSide{"pricing_version", [](auto* r) { return &r->pricing_version; }},
        FieldSide{"proxy_pricing_version", [](auto* e) { return &e->proxy_pricing_version; }}},
    // Central's repricing takes the proxy's key as its first guess and replaces it with its own.
    ReceiptField{"price_key", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"price_key", [](auto* r) { return &r->price_key; }},
                 FieldSide{"price_key", [](auto* e) { return &e->price_key; }}},
    ReceiptField{"unpriced_reason", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"unpriced_reason", [](auto* r) { return &r->unpriced_reason; }},
                 kNotKeptByCentral},
    ReceiptField{"pricing_notes", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"pricing_notes", [](auto* r) { return &r->pricing_notes; }},
                 kNotKeptByCentral},
    // The preflight's priced estimate and how it was made (filters/preflight/estimate.h); central
    // keeps both beside its own price, to show how far estimates are from bills.
    ReceiptField{"estimated_cost_pico_usd", FieldKind::kMoney, FieldPlace::kOptional,
                 FieldSide{"estimated_cost_pico_usd", [](auto* r) { return &r->estimated_cost; }},
                 FieldSide{"estimated_cost_pico_usd", [](auto* e) { return &e->estimated_cost; }}},
    ReceiptField{"estimate_method", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"estimate_method", [](auto* r) { return &r->estimate_method; }},
                 FieldSide{"estimate_method", [](auto* e) { return &e->estimate_method; }}},
    // The proxy whose budget leases this call reserved from: central credits the event's cost to
    // that proxy's leases on ingest, so a lease stays reserved until its calls arrive as events.
    ReceiptField{"budget_holder", FieldKind::kText, FieldPlace::kOptional,
                 FieldSide{"budget_holder", [](auto* r) { return &r->budget_holder; }},
                 FieldSide{"budget_holder", [](auto* e) { return &e->budget_holder; }}},
};

inline constexpr size_t kReceiptFieldCount = std::tuple_size_v<decltype(kReceiptFields)>;

// Calls `f(field)` for every field, in order.
template <typename F>
constexpr void ForEachReceiptField(F&& f) {
  std::apply([&](const auto&... field) { (f(field), ...); }, kReceiptFields);
}

// Calls `f(std::integral_constant<size_t, I>{})` for every field index, in order: for code that
// needs a field's kind or place as a constant expression (std::get<I>(kReceiptFields).kind).
template <typename F>
constexpr void ForEachReceiptFieldIndex(F&& f) {
  [&]<size_t... I>(std::index_sequence<I...>) { (f(std::integral_constant<size_t, I>{}), ...); }
  (std::make_index_sequence<kReceiptFieldCount>{});
}

// The usage/batch writer opens "labels" once, at the first label, and closes it after the last.
constexpr bool LabelsAreContiguous() {
  int runs = 0;
  bool in_labels = false;
  ForEachReceiptField([&](const auto& field) {
    const bool label = field.place == FieldPlace::kLabel;
    runs += label && !in_labels ? 1 : 0;
    in_labels = label;
  });
  return runs == 1;
}
static_assert(LabelsAreContiguous(), "label fields must be next to each other");

}  // namespace costgate::base
