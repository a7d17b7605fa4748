// Changes to the price book over HTTP: overrides (pricing.overrides_file, the YAML catalogue
// format) added and removed, and LiteLLM catalogues imported into pricing.history_dir as
// `costgate prices import` does. After each change the book is rebuilt from every source and
// published (PriceControl::Reload): events priced from then on use it, stored events keep the
// price they were given. Every change is audited (actor, the row or import before/after).
//
// With no pricing.overrides_file set the override changes answer 409 naming the setting: the
// daemon's other processes (a proxy pricing locally) read the same file, so central does not
// pick a path of its own.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "central/api/api_error.h"
#include "central/api/handlers.h"
#include "central/api/json_members.h"
#include "central/api/json_out.h"
#include "central/api/json_read.h"
#include "central/api/price_json.h"
#include "central/api/v1_body.h"
#include "pricing/catalogue_diff.h"
#include "pricing/feed_in_force.h"
#include "pricing/litellm_catalogue.h"
#include "pricing/price_history.h"
#include "pricing/timestamp.h"
#include "pricing/yaml_catalogue.h"
#include "pricing/yaml_catalogue_write.h"

namespace costgate::central {
namespace {

using simdjson::dom::element;

ApiResponse NotConfigured() {
  return ErrorResponse(409, "pricing_not_configured",
                       "central was started without its pricing settings; nothing to change");
}

ApiResponse NoOverridesFile() {
  return ErrorResponse(409, "overrides_file_unset",
                       "set pricing.overrides_file in the config (a YAML file central may write) "
                       "to keep overrides",
                       "pricing.overrides_file");
}

// The overrides file's rows; a file that does not exist yet holds none.
std::variant<std::vector<pricing::PriceRow>, std::string> ReadOverrides(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) {
      return std::vector<pricing::PriceRow>();
    }
    return "cannot read " + path;
  }
  std::ostringstream text;
  text << in.rdbuf();
  pricing::YamlCatalogueLoad load =
      pricing::LoadYamlCatalogue(text.str(), pricing::Layer::kOverride, path);
  if (!load.errors.empty()) {
    return load.errors.front();
  }
  return std::move(load.rows);
}

// Writes the whole file or nothing (temporary file, then rename).
std::string WriteOverrides(const std::string& path, std::span<const pricing::PriceRow> rows) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << pricing::WriteYamlCatalogue(rows);
    out.flush();
    if (!out) {
      return "cannot write " + temporary;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  return error ? "cannot replace " + path + ": " + error.message() : "";
}

std::string RowJson(const pricing::PriceRow& row) {
  std::string out;
  AppendPriceRowJson(out, row, kPriceStillInForce);
  return out;
}

ApiResponse ServerError(std::string_view message) {
  return ErrorResponse(500, "price_book_error", message);
}

// The body of POST /admin/v1/prices/overrides as YAML catalogue fields (validated by the
// catalogue's own reader, so a row the API takes is one the file keeps).
struct OverrideInput {
  std::string key;
  std::string provider;
  std::string mode;
  std::string source;
  std::string effective_from;
  std::vector<std::pair<std::string, std::string>> rates;  // field -> exact decimal USD text
};

FieldStatus ReadOverrideRates(element v, OverrideInput& in) {
  simdjson::dom::object object;
  if (v.get_object().get(object) != simdjson::SUCCESS) {
    return FieldError{"", "must be an object of rate field -> USD per unit (a decimal string)"};
  }
  for (const auto [name, amount] : object) {
    std::string text;
    if (ReadNonEmptyString(amount, text)) {
      return FieldError{"." + std::string(name), "must be a decimal string, e.g. \"0.0000025\""};
    }
    if (!pricing::ParseRateField(name)) {
      return FieldError{"." + std::string(name), "unknown rate field"};
    }
    if (!pricing::ParseUsd(text)) {
      return FieldError{"." + std::string(name), "must be a decimal USD amount"};
    }
    in.rates.emplace_back(std::string(name), std::move(text));
  }
  if (in.rates.empty()) {
    return FieldError{"", "must hold at least one rate"};
  }
  return std::nullopt;
}

constexpr auto kOverrideRules = std::to_array<FieldRule<OverrideInput>>({
    {"key", [](element v, OverrideInput& in) { return ReadNonEmptyString(v, in.key); }, true},
    {"rates", ReadOverrideRates, true},
    {"effective_from",
     [](element v, OverrideInput& in) -> FieldStatus {
       if (FieldStatus error = ReadNonEmptyString(v, in.effective_from)) {
         return error;
       }
       if (!pricing::ParseTimestampMs(in.effective_from)) {
         return FieldError{"", "must be a date YYYY-MM-DD (UTC) or an RFC 3339 timestamp"};
       }
       return std::nullopt;
     },
     true},
    {"provider", [](element v, OverrideInput& in) { return ReadStringOrNull(v, in.provider); }},
    {"mode", [](element v, OverrideInput& in) { return ReadStringOrNull(v, in.mode); }},
    {"source", [](element v, OverrideInput& in) { return ReadStringOrNull(v, in.source); }},
});

std::variant<OverrideInput, FieldError> ReadOverrideInput(element root) {
  OverrideInput in;
  if (FieldStatus error = ReadObject(root, kOverrideRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

// The input as one catalogue row; provider and mode default to the key's row in force, else
// the key's first part and "chat"; source to who made it.
std::variant<pricing::PriceRow, ApiResponse> OverrideRow(const Call& call, OverrideInput in) {
  const pricing::PriceRow* current = call.book.Find(in.key, call.request.now_unix_ms);
  if (in.provider.empty()) {
    in.provider = current != nullptr ? current->provider : in.key.substr(0, in.key.find('/'));
  }
  if (in.mode.empty()) {
    in.mode = current != nullptr ? current->mode : "chat";
  }
  if (in.source.empty()) {
    in.source = "override by " + std::string(call.actor);
  }
  std::string yaml = "version: 1\nprices:\n  - key: ";
  base::AppendJsonString(yaml, in.key);
  yaml += "\n    provider: ";
  base::AppendJsonString(yaml, in.provider);
  yaml += "\n    mode: ";
  base::AppendJsonString(yaml, in.mode);
  yaml += "\n    effective_from: ";
  base::AppendJsonString(yaml, in.effective_from);
  yaml += "\n    source: ";
  base::AppendJsonString(yaml, in.source);
  yaml += "\n    rates:\n";
  for (const auto& [name, amount] : in.rates) {
    yaml += "      " + name + ": ";
    base::AppendJsonString(yaml, amount);
    yaml += '\n';
  }
  pricing::YamlCatalogueLoad load =
      pricing::LoadYamlCatalogue(yaml, pricing::Layer::kOverride, "override");
  if (!load.errors.empty() || load.rows.size() != 1) {
    // "override: prices[0].rates.x: problem" -> field "rates.x"
    std::string error = load.errors.empty() ? "not a price row" : load.errors.front();
    std::string field;
    if (const size_t at = error.find("prices[0]."); at != std::string::npos) {
      const size_t end = error.find(':', at);
      field = error.substr(at + 10, end - at - 10);
    }
    return InvalidField(field, error);
  }
  return std::move(load.rows.front());
}

// Rebuilds and publishes the book, then audits; the answer for a change already kept.
std::optional<ApiResponse> ReloadAndAudit(const Call& call, AuditEntry audit) {
  // "price.import" -> "import": the load log says what changed the book, and who.
  const std::string_view source = std::string_view(audit.action).substr(audit.action.find('.') + 1);
  if (const std::string error = call.prices->Reload(call.request.now_unix_ms, source, call.actor);
      !error.empty()) {
    return ServerError("kept, but the price book does not load: " + error);
  }
  if (call.store.AppendAudit(audit)) {
    return StoreUnavailable();
  }
  return std::nullopt;
}

}  // namespace

ApiResponse HandlePriceOverrideList(const Call& call) {
  if (call.prices == nullptr || !call.prices->configured()) {
    return NotConfigured();
  }
  const std::string& path = call.prices->pricing().overrides_file;
  ApiResponse response;
  response.body = R"({"overrides_file":)";
  AppendJsonString(response.body, path);
  JsonMemberName(response.body, "overrides");
  response.body += '[';
  if (!path.empty()) {
    auto rows = ReadOverrides(path);
    if (auto* error = std::get_if<std::string>(&rows)) {
      return ServerError(*error);
    }
    bool first = true;
    for (const pricing::PriceRow& row : std::get<std::vector<pricing::PriceRow>>(rows)) {
      response.body += first ? "" : ",";
      first = false;
      AppendPriceRowJson(response.body, row, kPriceStillInForce);
    }
  }
  response.body += "]}";
  return response;
}

ApiResponse HandlePriceOverrideCreate(const Call& call) {
  if (call.prices == nullptr || !call.prices->configured()) {
    return NotConfigured();
  }
  const std::string& path = call.prices->pricing().overrides_file;
  if (path.empty()) {
    return NoOverridesFile();
  }
  std::variant<OverrideInput, ApiResponse> read =
      ReadV1Body<OverrideInput>(call.request.body, ReadOverrideInput);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  std::variant<pricing::PriceRow, ApiResponse> made =
      OverrideRow(call, std::move(std::get<OverrideInput>(read)));
  if (ApiResponse* refused = std::get_if<ApiResponse>(&made)) {
    return std::move(*refused);
  }
  pricing::PriceRow& row = std::get<pricing::PriceRow>(made);
  auto rows = ReadOverrides(path);
  if (auto* error = std::get_if<std::string>(&rows)) {
    return ServerError(*error);
  }
  std::vector<pricing::PriceRow>& kept = std::get<std::vector<pricing::PriceRow>>(rows);
  for (const pricing::PriceRow& other : kept) {
    if (other.key == row.key && other.effective_from_ms == row.effective_from_ms) {
      return ErrorResponse(409, "override_exists",
                           "an override of this key starts at this moment: delete it first",
                           "effective_from");
    }
  }
  kept.push_back(row);
  if (const std::string error = WriteOverrides(path, kept); !error.empty()) {
    return ServerError(error);
  }
  const std::string after = RowJson(row);
  if (auto refused = ReloadAndAudit(call, {0, call.request.now_unix_ms, std::string(call.actor),
                                           "price.override.create", row.key, "", after})) {
    return std::move(*refused);
  }
  ApiResponse response;
  response.status = 201;
  response.body = R"({"override":)" + after + R"(,"version":)";
  AppendJsonString(response.body, call.prices->holder().Share()->version());
  response.body += '}';
  return response;
}

// DELETE /admin/v1/prices/overrides/{key...}?effective_from=...: the key's override starting
// then (every override of the key without effective_from).
ApiResponse HandlePriceOverrideDelete(const Call& call) {
  if (call.prices == nullptr || !call.prices->configured()) {
    return NotConfigured();
  }
  const std::string& path = call.prices->pricing().overrides_file;
  if (path.empty()) {
    return NoOverridesFile();
  }
  const std::string* key = call.params.Find("key");
  std::optional<int64_t> from;
  if (const std::string* text = call.query.Find("effective_from")) {
    from = pricing::ParseTimestampMs(*text);
    if (!from) {
      return InvalidField("effective_from", "must be a date YYYY-MM-DD or an RFC 3339 timestamp");
    }
  }
  auto rows = ReadOverrides(path);
  if (auto* error = std::get_if<std::string>(&rows)) {
    return ServerError(*error);
  }
  std::vector<pricing::PriceRow>& kept = std::get<std::vector<pricing::PriceRow>>(rows);
  std::vector<pricing::PriceRow> removed;
  std::erase_if(kept, [&](const pricing::PriceRow& row) {
    const bool match =
        key != nullptr && row.key == *key && (!from || row.effective_from_ms == *from);
    if (match) {
      removed.push_back(row);
    }
    return match;
  });
  if (removed.empty()) {
    return ErrorResponse(404, "override_not_found", "no override of this key (and effective_from)",
                         "key");
  }
  if (const std::string error = WriteOverrides(path, kept); !error.empty()) {
    return ServerError(error);
  }
  std::string before = "[";
  for (const pricing::PriceRow& row : removed) {
    before += before.size() == 1 ? "" : ",";
    before += RowJson(row);
  }
  before += ']';
  if (auto refused = ReloadAndAudit(call, {0, call.request.now_unix_ms, std::string(call.actor),
                                           "price.override.delete", *key, before, ""})) {
    return std::move(*refused);
  }
  ApiResponse response;
  response.body = R"({"removed":)" + before + R"(,"version":)";
  AppendJsonString(response.body, call.prices->holder().Share()->version());
  response.body += '}';
  return response;
}

// POST /admin/v1/prices/import: the body is a LiteLLM model_prices JSON.
ApiResponse HandlePriceImport(const Call& call) {
  if (call.prices == nullptr || !call.prices->configured()) {
    return NotConfigured();
  }
  const int64_t now_ms = call.request.now_unix_ms;
  const pricing::CatalogueLoad incoming = pricing::LoadLiteLlmCatalogue(call.request.body, now_ms);
  if (!incoming.errors.empty()) {
    return ErrorResponse(400, "invalid_catalogue",
                         "not a valid LiteLLM price catalogue: " + incoming.errors.front(), "");
  }
  const config::PricingConfig& pricing = call.prices->pricing();
  const pricing::FeedInForce feed = pricing::CurrentLiteLlmFeed(pricing.history_dir);
  if (!feed.error.empty()) {
    return ServerError(feed.error);
  }
  const pricing::CatalogueDiff diff = pricing::DiffRows(feed.rows, incoming.rows);
  const std::string before_version = call.book.version();
  const pricing::SaveResult saved =
      pricing::SaveToPriceHistory(pricing.history_dir, call.request.body, now_ms);
  if (!saved.error.empty()) {
    return ServerError(saved.error + "; nothing saved");
  }
  std::string summary = "{";
  JsonMember(summary, "compared_with", feed.name);
  JsonMember(summary, "entries", static_cast<int64_t>(incoming.entries));
  JsonMember(summary, "priced", static_cast<int64_t>(incoming.rows.size()));
  JsonMember(summary, "added", static_cast<int64_t>(diff.added.size()));
  JsonMember(summary, "changed", static_cast<int64_t>(diff.repriced.size()));
  JsonMember(summary, "removed", static_cast<int64_t>(diff.removed.size()));
  JsonMember(summary, "unchanged", static_cast<int64_t>(diff.unchanged));
  JsonMember(summary, "saved", saved.path);
  JsonBoolMember(summary, "written", saved.written);
  summary += '}';
  if (saved.written) {
    if (auto refused = ReloadAndAudit(
            call, {0, now_ms, std::string(call.actor), "price.import", saved.path, "", summary})) {
      return std::move(*refused);
    }
  }
  ApiResponse response;
  response.body = R"({"import":)" + summary;
  JsonMember(response.body, "version_before", before_version);
  JsonMember(response.body, "version", call.prices->holder().Share()->version());
  for (const auto& [name, keys] :
       {std::pair{"added_keys", &diff.added}, std::pair{"removed_keys", &diff.removed}}) {
    JsonMemberName(response.body, name);
    response.body += '[';
    for (size_t i = 0; i < keys->size(); ++i) {
      response.body += i == 0 ? "" : ",";
      AppendJsonString(response.body, (*keys)[i]);
    }
    response.body += ']';
  }
  JsonMemberName(response.body, "changed_keys");
  response.body += '[';
  for (size_t i = 0; i < diff.repriced.size(); ++i) {
    response.body += i == 0 ? "" : ",";
    AppendJsonString(response.body, diff.repriced[i].key);
  }
  response.body += "]}";
  return response;
}

}  // namespace costgate::central
