#include "central/store/sqlite/event_rows.h"

#include <simdjson.h>

#include <array>
#include <charconv>
#include <cstdio>

#include "sqlite/sql_text.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

// Column order = bind order (BindEvent) = read order (ReadEvent).
constexpr std::array<std::string_view, 39> kColumns = {
    "event_id",
    "origin",
    "request_id",
    "start_unix_ms",
    "end_unix_ms",
    "source_app",
    "workspace",
    "team",
    "project",
    "user",
    "job",
    "feature",
    "environment",
    "host",
    "pod",
    "daemon_version",
    "provider",
    "operation",
    "model",
    "model_version",
    "service_tier",
    "metered",
    "units_json",
    "estimated",
    "status",
    "reason",
    "http_status",
    "latency_ms",
    "ttfb_ms",
    "request_bytes",
    "response_bytes",
    "proxy_cost_pico_usd",
    "proxy_pricing_version",
    "cost_pico_usd",
    "pricing_version",
    "price_key",
    "unpriced_reason",
    "pricing_notes",
    "received_unix_ms",
};

std::optional<int64_t> PicoOf(const std::optional<pricing::Money>& money) {
  return money ? std::optional<int64_t>(money->pico()) : std::nullopt;
}

std::optional<pricing::Money> MoneyOf(const std::optional<int64_t>& pico) {
  return pico ? std::optional(pricing::Money::FromPico(*pico)) : std::nullopt;
}

// Unit names are [a-z0-9_]+ once validated by the API; escaping still keeps any other name from
// producing a row that does not read back.
void AppendJsonName(std::string& out, std::string_view name) {
  out += '"';
  for (char c : name) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

const std::string& InsertEventSql() {
  static const std::string sql = "INSERT INTO events (" + sqlite::ColumnList(kColumns) +
                                 ") VALUES (" + sqlite::Placeholders(kColumns.size()) +
                                 ") ON CONFLICT(event_id) DO NOTHING";
  return sql;
}

const std::string& SelectEventSql() {
  static const std::string sql =
      "SELECT " + sqlite::ColumnList(kColumns) + " FROM events WHERE event_id = ?";
  return sql;
}

void AppendUnitsJson(std::string& out, const EventUnits& units) {
  out += '{';
  char digits[24];
  for (size_t i = 0; i < units.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    AppendJsonName(out, units[i].first);
    out += ':';
    const auto end = std::to_chars(digits, digits + sizeof digits, units[i].second).ptr;
    out.append(digits, end);
  }
  out += '}';
}

std::optional<EventUnits> ParseUnitsJson(std::string_view json) {
  // DOM, not On-Demand: the whole text is validated, so trailing garbage is an error too.
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size()).get(object) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  EventUnits units;
  units.reserve(object.size());
  for (const auto [name, value] : object) {
    int64_t count = 0;
    if (value.get_int64().get(count) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    units.emplace_back(std::string(name), count);
  }
  return units;
}

int BindEvent(sqlite3_stmt* stmt, const Event& e, const std::string& units_json) {
  sqlite::Binder b(stmt);
  b.Text(e.event_id);
  b.Text(e.origin);
  b.Text(e.request_id);
  b.Int(e.start_unix_ms);
  b.Int(e.end_unix_ms);
  b.Text(e.source_app);
  b.Text(e.workspace);
  b.Text(e.team);
  b.Text(e.project);
  b.Text(e.user);
  b.Text(e.job);
  b.Text(e.feature);
  b.Text(e.environment);
  b.Text(e.host);
  b.Text(e.pod);
  b.Text(e.daemon_version);
  b.Text(e.provider);
  b.Text(e.operation);
  b.Text(e.model);
  b.Text(e.model_version);
  b.Text(e.service_tier);
  b.Int(e.metered ? 1 : 0);
  b.Text(units_json);
  b.Int(e.estimated ? 1 : 0);
  b.Text(e.status);
  b.Text(e.reason);
  b.Int(e.http_status);
  b.Int(e.latency_ms);
  b.Int(e.ttfb_ms);
  b.Int(static_cast<int64_t>(e.request_bytes));
  b.Int(static_cast<int64_t>(e.response_bytes));
  b.OptionalInt(PicoOf(e.proxy_cost));
  b.Text(e.proxy_pricing_version);
  b.OptionalInt(PicoOf(e.cost));
  b.Text(e.pricing_version);
  b.Text(e.price_key);
  b.Text(e.unpriced_reason);
  b.Text(e.pricing_notes);
  b.Int(e.received_unix_ms);
  return b.rc();
}

std::optional<Event> ReadEvent(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  Event e;
  e.event_id = r.Text();
  e.origin = r.Text();
  e.request_id = r.Text();
  e.start_unix_ms = r.Int();
  e.end_unix_ms = r.Int();
  e.source_app = r.Text();
  e.workspace = r.Text();
  e.team = r.Text();
  e.project = r.Text();
  e.user = r.Text();
  e.job = r.Text();
  e.feature = r.Text();
  e.environment = r.Text();
  e.host = r.Text();
  e.pod = r.Text();
  e.daemon_version = r.Text();
  e.provider = r.Text();
  e.operation = r.Text();
  e.model = r.Text();
  e.model_version = r.Text();
  e.service_tier = r.Text();
  e.metered = r.Int() != 0;
  std::optional<EventUnits> units = ParseUnitsJson(r.Text());
  if (!units) {
    return std::nullopt;
  }
  e.units = std::move(*units);
  e.estimated = r.Int() != 0;
  e.status = r.Text();
  e.reason = r.Text();
  e.http_status = static_cast<int>(r.Int());
  e.latency_ms = r.Int();
  e.ttfb_ms = r.Int();
  e.request_bytes = static_cast<uint64_t>(r.Int());
  e.response_bytes = static_cast<uint64_t>(r.Int());
  e.proxy_cost = MoneyOf(r.OptionalInt());
  e.proxy_pricing_version = r.Text();
  e.cost = MoneyOf(r.OptionalInt());
  e.pricing_version = r.Text();
  e.price_key = r.Text();
  e.unpriced_reason = r.Text();
  e.pricing_notes = r.Text();
  e.received_unix_ms = r.Int();
  return e;
}

}  // namespace costgate::central
