#include "central/store/sqlite/event_rows.h"

#include <simdjson.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <vector>

#include "base/receipt_fields.h"
#include "sqlite/sql_text.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

// Central's own columns, after the receipt fields it keeps (base/receipt_fields.h): where the
// event came from, central's price (reprice.h) and when central stored it.
constexpr std::array<sqlite::ColumnDefinition, 7> kCentralColumns = {{
    {"origin", "TEXT NOT NULL"},
    {"request_id", "TEXT NOT NULL"},
    {"cost_pico_usd", "INTEGER"},
    {"pricing_version", "TEXT NOT NULL"},
    {"unpriced_reason", "TEXT NOT NULL"},
    {"received_unix_ms", "INTEGER NOT NULL"},
    // Last: version 2 added it to older tables (store_schema.cpp), '' on the events they had.
    {"pricing_notes", "TEXT NOT NULL DEFAULT ''"},
}};

// The events table: the receipt fields central keeps, then its own columns. Column order =
// bind order (BindEvent) = read order (ReadEvent).
std::vector<sqlite::ColumnDefinition> EventColumns() {
  std::vector<sqlite::ColumnDefinition> columns;
  base::ForEachReceiptField([&](const auto& field) {
    if constexpr (base::kKeptByCentral<decltype(field)>) {
      columns.push_back({field.central.column, base::SqlType(field.kind)});
    }
  });
  columns.insert(columns.end(), kCentralColumns.begin(), kCentralColumns.end());
  return columns;
}

std::string EventColumnList() {
  std::vector<std::string_view> names;
  for (const sqlite::ColumnDefinition& column : EventColumns()) {
    names.push_back(column.name);
  }
  return sqlite::ColumnList(names);
}

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

// Binds one kept field's member of an Event, by its type; the units as the text already made
// of them.
struct FieldBinder {
  sqlite::Binder& b;
  const std::string& units_json;

  template <typename Plain>  // text, bool, integers
  void operator()(const Plain& v) const {
    b.Value(v);
  }
  void operator()(const std::optional<pricing::Money>& v) const { b.OptionalInt(PicoOf(v)); }
  void operator()(const EventUnits&) const { b.Text(units_json); }
};

// Reads one column into a kept field's member, by its type. `units_read` turns false when the
// stored units do not parse.
struct FieldReader {
  sqlite::Reader& r;
  bool& units_read;

  template <typename Plain>  // text, bool, integers
  void operator()(Plain& v) const {
    r.Into(v);
  }
  void operator()(std::optional<pricing::Money>& v) const { v = MoneyOf(r.OptionalInt()); }
  void operator()(EventUnits& v) const {
    std::optional<EventUnits> units = ParseUnitsJson(r.Text());
    units_read = units.has_value();
    if (units) {
      v = std::move(*units);
    }
  }
};

}  // namespace

const std::string& CreateEventsTableSql() {
  static const std::string sql = sqlite::CreateTableSql("events", EventColumns());
  return sql;
}

const std::string& InsertEventSql() {
  static const std::string sql = "INSERT INTO events (" + EventColumnList() + ") VALUES (" +
                                 sqlite::Placeholders(EventColumns().size()) +
                                 ") ON CONFLICT(event_id) DO NOTHING";
  return sql;
}

const std::string& SelectEventSql() {
  static const std::string sql = SelectEventsSql() + " WHERE event_id = ?";
  return sql;
}

const std::string& SelectEventsSql() {
  static const std::string sql = "SELECT " + EventColumnList() + " FROM events";
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
  const FieldBinder bind{b, units_json};
  base::ForEachReceiptField([&](const auto& field) {
    if constexpr (base::kKeptByCentral<decltype(field)>) {
      bind(field.central.Of(e));
    }
  });
  b.Text(e.origin);
  b.Text(e.request_id);
  b.OptionalInt(PicoOf(e.cost));
  b.Text(e.pricing_version);
  b.Text(e.unpriced_reason);
  b.Int(e.received_unix_ms);
  b.Text(e.pricing_notes);
  return b.rc();
}

std::optional<Event> ReadEvent(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  Event e;
  bool units_read = true;
  const FieldReader read{r, units_read};
  base::ForEachReceiptField([&](const auto& field) {
    if constexpr (base::kKeptByCentral<decltype(field)>) {
      read(field.central.Of(e));
    }
  });
  if (!units_read) {
    return std::nullopt;
  }
  e.origin = r.Text();
  e.request_id = r.Text();
  e.cost = MoneyOf(r.OptionalInt());
  e.pricing_version = r.Text();
  e.unpriced_reason = r.Text();
  e.received_unix_ms = r.Int();
  e.pricing_notes = r.Text();
  return e;
}

}  // namespace costgate::central
