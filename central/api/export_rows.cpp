#include "central/api/export_rows.h"

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "base/json_text.h"
#include "base/receipt_fields.h"
#include "central/api/analytics_request.h"
#include "central/api/json_out.h"
#include "central/budgets/budget_period.h"

namespace costgate::central {
namespace {

// One stored field as CSV columns, by its type: the name(s) and the text(s).
template <typename Column>
struct EventCsvFields {
  Column& column;  // column(name, text)
  std::string_view name;

  void operator()(const std::string& v) const { column(name, v); }
  void operator()(bool v) const { column(name, v ? "true" : "false"); }
  void operator()(int v) const { column(name, std::to_string(v)); }
  void operator()(int64_t v) const { column(name, std::to_string(v)); }
  void operator()(uint64_t v) const { column(name, std::to_string(v)); }
  void operator()(const std::optional<pricing::Money>& v) const {
    constexpr std::string_view kSuffix = "_pico_usd";
    const std::string base(name.substr(0, name.size() - kSuffix.size()));
    column(base + "_usd", v ? UsdNumber(*v) : "");
    column(base + "_pico_usd", v ? std::to_string(v->pico()) : "");
  }
  void operator()(const EventUnits& units) const {
    std::string json = "{";
    for (const auto& [unit, value] : units) {
      json += json.size() > 1 ? "," : "";
      base::AppendJsonKey(json, unit);
      base::AppendJsonInt(json, value);
    }
    json += '}';
    column("units", json);
  }
};

// The event's columns in order, the same walk for the header and the rows.
template <typename Column>
void ForEachEventColumn(const Event& e, Column&& column) {
  base::ForEachReceiptField([&](const auto& field) {
    if constexpr (base::kKeptByCentral<decltype(field)>) {
      EventCsvFields<Column>{column, field.central.column}(field.central.Of(e));
    }
  });
  EventCsvFields<Column> own{column, ""};
  own.name = "origin";
  own(e.origin);
  own.name = "request_id";
  own(e.request_id);
  own.name = "cost_pico_usd";
  own(e.cost);
  own.name = "pricing_version";
  own(e.pricing_version);
  own.name = "unpriced_reason";
  own(e.unpriced_reason);
  own.name = "received_unix_ms";
  own(e.received_unix_ms);
  own.name = "pricing_notes";
  own(e.pricing_notes);
}

std::string FocusUtcText(int64_t unix_ms) {
  static const budgets::TimeZone kUtc = budgets::TimeZone::Utc();
  return budgets::LocalTimeText(unix_ms, kUtc);
}

// FOCUS's provider (who sells it) and service (what is sold) for our provider names.
std::pair<std::string_view, std::string_view> FocusProviderAndService(std::string_view provider) {
  if (provider == "gemini") {
    return {"Google", "Gemini API"};
  }
  if (provider == "vertex") {
    return {"Google Cloud", "Vertex AI"};
  }
  if (provider == "google-tts") {
    return {"Google Cloud", "Cloud Text-to-Speech"};
  }
  if (provider == "elevenlabs") {
    return {"ElevenLabs", "ElevenLabs API"};
  }
  return {provider, provider};
}

// What FOCUS's ConsumedQuantity counts: tokens for a language model, characters for speech,
// calls otherwise.
std::pair<int64_t, std::string_view> FocusConsumed(const AnalyticsMeasures& m) {
  if (m.tokens() > 0) {
    return {m.tokens(), "Tokens"};
  }
  if (m.characters > 0) {
    return {m.characters, "Characters"};
  }
  return {m.calls, "Requests"};
}

// Our labels as FOCUS Tags: every dimension but provider and model (their own columns), empty
// ones left out.
std::string FocusTags(const AnalyticsRow& row) {
  std::string tags = "{";
  for (size_t i = 0; i < kDimensionCount && i < row.keys.size(); ++i) {
    const auto d = static_cast<Dimension>(i);
    if (d == Dimension::kProvider || d == Dimension::kModel || row.keys[i].empty()) {
      continue;
    }
    tags += tags.size() > 1 ? "," : "";
    base::AppendJsonKey(tags, DimensionName(d));
    base::AppendJsonString(tags, row.keys[i]);
  }
  tags += '}';
  return tags;
}

constexpr std::array<std::string_view, 12> kFocusMeasureColumns = {
    "x_Calls",       "x_Errors",       "x_UnpricedCalls", "x_EstimatedCalls",
    "x_InputTokens", "x_OutputTokens", "x_CachedTokens",  "x_ThinkingTokens",
    "x_Characters",  "x_Credits",      "x_AudioSeconds",  "x_CostPicoUsd"};

// The FOCUS row's columns in order, the same walk for CSV and JSON Lines.
template <typename Column>
void ForEachFocusColumn(const AnalyticsRow& row, int64_t start_unix_ms, int64_t end_unix_ms,
                        Column&& column) {
  const auto key = [&](Dimension d) -> const std::string& {
    return row.keys[static_cast<size_t>(d)];
  };
  const AnalyticsMeasures& m = row.measures;
  const std::string cost = UsdNumber(pricing::Money::FromPico(m.cost_pico));
  const auto [provider, service] = FocusProviderAndService(key(Dimension::kProvider));
  const auto [quantity, unit] = FocusConsumed(m);
  column("BilledCost", cost);
  column("EffectiveCost", cost);
  column("ListCost", cost);
  column("BillingCurrency", "USD");
  column("ChargePeriodStart", FocusUtcText(start_unix_ms));
  column("ChargePeriodEnd", FocusUtcText(end_unix_ms));
  column("ChargeCategory", "Usage");
  column("ChargeDescription",
         std::string(service) + " " + key(Dimension::kOperation) + " on " + key(Dimension::kModel));
  column("ProviderName", provider);
  column("PublisherName", provider);
  column("ServiceName", service);
  column("ServiceCategory", "AI and Machine Learning");
  column("ResourceId", key(Dimension::kModel));
  column("ResourceType", "Model");
  column("SubAccountId", key(Dimension::kWorkspace));
  column("ConsumedQuantity", std::to_string(quantity));
  column("ConsumedUnit", unit);
  column("Tags", FocusTags(row));
  const auto n = [](int64_t v) { return std::to_string(v); };
  const std::array<std::string, 12> measures = {n(m.calls),
                                                n(m.errors),
                                                n(m.unpriced_calls),
                                                n(m.estimated_calls),
                                                n(m.input_tokens),
                                                n(m.output_tokens),
                                                n(m.cached_tokens),
                                                n(m.thinking_tokens),
                                                n(m.characters),
                                                n(m.credits),
                                                MeasureFields(m).back().second,
                                                n(m.cost_pico)};
  for (size_t i = 0; i < measures.size(); ++i) {
    column(kFocusMeasureColumns[i], measures[i]);
  }
}

}  // namespace

void AppendEventCsvHeader(CsvWriter& csv) {
  ForEachEventColumn(Event{}, [&](std::string_view name, std::string_view) { csv.Field(name); });
  csv.EndRow();
}

void AppendEventCsvRow(CsvWriter& csv, const Event& e) {
  ForEachEventColumn(e, [&](std::string_view, std::string_view text) { csv.Field(text); });
  csv.EndRow();
}

void AppendBreakdownCsvHeader(CsvWriter& csv, std::string_view dimension) {
  csv.Field(dimension);
  for (const auto& [name, text] : MeasureFields({})) {
    csv.Field(name);
  }
  csv.EndRow();
}

void AppendBreakdownCsvRow(CsvWriter& csv, const AnalyticsRow& row) {
  csv.Field(row.keys.at(0));
  for (const auto& [name, text] : MeasureFields(row.measures)) {
    csv.Field(text);
  }
  csv.EndRow();
}

void AppendBreakdownJsonLine(std::string& out, std::string_view dimension,
                             const AnalyticsRow& row) {
  out += '{';
  base::AppendJsonKey(out, dimension);
  base::AppendJsonString(out, row.keys.at(0));
  for (const auto& [name, text] : MeasureFields(row.measures)) {
    out += ',';
    base::AppendJsonKey(out, name);
    out += text;
  }
  out += "}\n";
}

void AppendFocusCsvHeader(CsvWriter& csv) {
  AnalyticsRow blank;
  blank.keys.resize(kDimensionCount);
  ForEachFocusColumn(blank, 0, 0,
                     [&](std::string_view name, std::string_view) { csv.Field(name); });
  csv.EndRow();
}

void AppendFocusCsvRow(CsvWriter& csv, const AnalyticsRow& row, int64_t start_unix_ms,
                       int64_t end_unix_ms) {
  ForEachFocusColumn(row, start_unix_ms, end_unix_ms,
                     [&](std::string_view, std::string_view text) { csv.Field(text); });
  csv.EndRow();
}

void AppendFocusJsonLine(std::string& out, const AnalyticsRow& row, int64_t start_unix_ms,
                         int64_t end_unix_ms) {
  out += '{';
  bool first = true;
  ForEachFocusColumn(row, start_unix_ms, end_unix_ms,
                     [&](std::string_view name, std::string_view text) {
                       out += first ? "" : ",";
                       first = false;
                       base::AppendJsonKey(out, name);
                       base::AppendJsonString(out, text);
                     });
  out += "}\n";
}

}  // namespace costgate::central
