#include "daemon/outbox/receipt_schema.h"

#include <sqlite3.h>

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "base/receipt_fields.h"
#include "sqlite/sql_text.h"
#include "sqlite/statement.h"

namespace costgate::daemon::outbox {
namespace {

// The outbox's own columns, after the receipt's fields. state is 'closed', or 'open' for an
// intent written at admission; it is bound with the fields. shipped_at_ms is not: a (re)written
// receipt has not been shipped in this form yet.
constexpr sqlite::ColumnDefinition kStateColumn = {"state", "TEXT NOT NULL"};
constexpr std::array<sqlite::ColumnDefinition, 2> kShippingColumns = {{
    {"shipped_at_ms", "INTEGER"},  // when central answered for the row; NULL: still to send
    {"rejected_reason", "TEXT"},   // central rejected the row (not resent); NULL otherwise
}};

// Insert order = bind order (BindReceipt) = read order (ReadStoredReceipt): the fields, then
// state.
std::vector<std::string_view> BoundColumns() {
  std::vector<std::string_view> columns;
  base::ForEachReceiptField([&](const auto& field) { columns.push_back(field.outbox.column); });
  columns.push_back(kStateColumn.name);
  return columns;
}

std::string BuildCreateSql() {
  std::vector<sqlite::ColumnDefinition> columns;
  base::ForEachReceiptField([&](const auto& field) {
    columns.push_back({field.outbox.column, base::SqlType(field.kind)});
  });
  columns.push_back(kStateColumn);
  columns.insert(columns.end(), kShippingColumns.begin(), kShippingColumns.end());
  return sqlite::CreateTableSql("receipts", columns);
}

std::string BuildInsertSql() {
  const std::vector<std::string_view> bound = BoundColumns();
  std::string updates;
  for (std::string_view column : bound) {
    if (column != "event_id") {
      updates.append(column).append(" = excluded.").append(column).append(", ");
    }
  }
  return "INSERT INTO receipts (" + sqlite::ColumnList(bound) + ", shipped_at_ms) VALUES (" +
         sqlite::Placeholders(bound.size()) + ", NULL) ON CONFLICT(event_id) DO UPDATE SET " +
         updates + "shipped_at_ms = excluded.shipped_at_ms, rejected_reason = NULL";
}

std::string BuildSelectUnshippedSql() {
  // The WHERE clause repeats the partial index's so that SQLite can use it.
  return "SELECT " + sqlite::ColumnList(BoundColumns()) +
         " FROM receipts WHERE shipped_at_ms IS NULL AND state = 'closed' ORDER BY event_id "
         "LIMIT ?1";
}

filters::Outcome OutcomeFromName(std::string_view name) {
  using filters::Outcome;
  for (Outcome o :
       {Outcome::kSuccess, Outcome::kUpstreamError, Outcome::kCancelled, Outcome::kDenied}) {
    if (filters::OutcomeName(o) == name) {
      return o;
    }
  }
  return Outcome::kInterrupted;  // "interrupted", and anything this daemon never wrote
}

// Binds one field's member of a filters::Receipt, by its type. The units are bound as the text
// the caller already made of them.
struct FieldBinder {
  sqlite::Binder& b;
  const std::string& units_json;

  template <typename Plain>  // text, bool, integers
  void operator()(const Plain& v) const {
    b.Value(v);
  }
  void operator()(const std::optional<pricing::Money>& v) const {
    if (v.has_value()) {
      b.Int(v->pico());
    } else {
      b.Null();
    }
  }
  void operator()(filters::Outcome v) const { b.Text(filters::OutcomeName(v)); }
  void operator()(const filters::Units&) const { b.Text(units_json); }
};

// Reads one column into a field's member, by its type; the units are kept as stored.
struct FieldReader {
  sqlite::Reader& c;
  std::string& units_json;

  template <typename Plain>  // text, bool, integers
  void operator()(Plain& v) const {
    c.Into(v);
  }
  void operator()(std::optional<pricing::Money>& v) const {
    if (const std::optional<int64_t> pico = c.OptionalInt()) {
      v = pricing::Money::FromPico(*pico);
    }
  }
  void operator()(filters::Outcome& v) const { v = OutcomeFromName(c.Text()); }
  void operator()(filters::Units&) const { units_json = c.Text(); }
};

}  // namespace

const std::string& CreateReceiptsSql() {
  static const std::string sql = BuildCreateSql();
  return sql;
}

const std::string& InsertReceiptSql() {
  static const std::string sql = BuildInsertSql();
  return sql;
}

int BindReceipt(sqlite3_stmt* stmt, const filters::Receipt& r, const std::string& units_json) {
  sqlite::Binder b(stmt);
  const FieldBinder bind{b, units_json};
  base::ForEachReceiptField([&](const auto& field) { bind(field.outbox.Of(r)); });
  b.Text(r.open ? "open" : "closed");
  return b.rc();
}

const std::string& SelectUnshippedSql() {
  static const std::string sql = BuildSelectUnshippedSql();
  return sql;
}

StoredReceipt ReadStoredReceipt(sqlite3_stmt* stmt) {
  StoredReceipt stored;
  filters::Receipt& r = stored.receipt;
  sqlite::Reader c(stmt);
  const FieldReader read{c, stored.units_json};
  base::ForEachReceiptField([&](const auto& field) { read(field.outbox.Of(r)); });
  r.open = c.Text() == "open";
  return stored;
}

}  // namespace costgate::daemon::outbox
