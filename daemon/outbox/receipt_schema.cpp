#include "daemon/outbox/receipt_schema.h"

#include <sqlite3.h>

#include <array>
#include <optional>
#include <string_view>

#include "sqlite/sql_text.h"
#include "sqlite/statement.h"

namespace costgate::daemon::outbox {
namespace {

// Insert order = bind order (BindReceipt) = read order (ReadStoredReceipt). shipped_at_ms is
// not bound: a (re)written receipt has not been shipped in this form yet.
constexpr std::array<std::string_view, 35> kBoundColumns = {
    "event_id",
    "state",
    "start_unix_ms",
    "end_unix_ms",
    "host",
    "daemon_version",
    "source_app",
    "workspace",
    "team",
    "project",
    "environment",
    "pod",
    "user",
    "job",
    "feature",
    "provider",
    "operation",
    "metered",
    "model_requested",
    "model_version",
    "units_json",
    "service_tier",
    "cost_pico_usd",
    "pricing_version",
    "price_key",
    "unpriced_reason",
    "pricing_notes",
    "outcome",
    "reason",
    "http_status",
    "latency_ms",
    "ttfb_ms",
    "request_bytes",
    "response_bytes",
    "estimated",
};

std::string BuildInsertSql() {
  std::string updates;
  for (std::string_view column : kBoundColumns) {
    if (column != "event_id") {
      updates.append(column).append(" = excluded.").append(column).append(", ");
    }
  }
  return "INSERT INTO receipts (" + sqlite::ColumnList(kBoundColumns) +
         ", shipped_at_ms) VALUES (" + sqlite::Placeholders(kBoundColumns.size()) +
         ", NULL) ON CONFLICT(event_id) DO UPDATE SET " + updates +
         "shipped_at_ms = excluded.shipped_at_ms, rejected_reason = NULL";
}

std::string BuildSelectUnshippedSql() {
  // The WHERE clause repeats the partial index's so that SQLite can use it.
  return "SELECT " + sqlite::ColumnList(kBoundColumns) +
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

}  // namespace

const std::string& InsertReceiptSql() {
  static const std::string sql = BuildInsertSql();
  return sql;
}

int BindReceipt(sqlite3_stmt* stmt, const filters::Receipt& r, const std::string& units_json) {
  sqlite::Binder b(stmt);
  b.Text(r.event_id);
  b.Text(r.open ? "open" : "closed");
  b.Int(r.start_unix_ms);
  b.Int(r.end_unix_ms);
  b.Text(r.host);
  b.Text(r.daemon_version);
  b.Text(r.labels.source_app);
  b.Text(r.labels.workspace);
  b.Text(r.labels.team);
  b.Text(r.labels.project);
  b.Text(r.labels.environment);
  b.Text(r.labels.pod);
  b.Text(r.labels.user);
  b.Text(r.labels.job);
  b.Text(r.labels.feature);
  b.Text(r.provider);
  b.Text(r.operation);
  b.Int(r.metered ? 1 : 0);
  b.Text(r.model_requested);
  b.Text(r.model_version);
  b.Text(units_json);
  b.Text(r.service_tier);
  if (r.cost.has_value()) {
    b.Int(r.cost->pico());
  } else {
    b.Null();
  }
  b.Text(r.pricing_version);
  b.Text(r.price_key);
  b.Text(r.unpriced_reason);
  b.Text(r.pricing_notes);
  b.Text(filters::OutcomeName(r.outcome));
  b.Text(r.reason);
  b.Int(r.http_status);
  b.Int(r.latency_ms);
  b.Int(r.ttfb_ms);
  b.Int(static_cast<int64_t>(r.request_bytes));
  b.Int(static_cast<int64_t>(r.response_bytes));
  b.Int(r.estimated ? 1 : 0);
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
  r.event_id = c.Text();
  r.open = c.Text() == "open";
  r.start_unix_ms = c.Int();
  r.end_unix_ms = c.Int();
  r.host = c.Text();
  r.daemon_version = c.Text();
  r.labels.source_app = c.Text();
  r.labels.workspace = c.Text();
  r.labels.team = c.Text();
  r.labels.project = c.Text();
  r.labels.environment = c.Text();
  r.labels.pod = c.Text();
  r.labels.user = c.Text();
  r.labels.job = c.Text();
  r.labels.feature = c.Text();
  r.provider = c.Text();
  r.operation = c.Text();
  r.metered = c.Int() != 0;
  r.model_requested = c.Text();
  r.model_version = c.Text();
  stored.units_json = c.Text();
  r.service_tier = c.Text();
  if (const std::optional<int64_t> pico = c.OptionalInt()) {
    r.cost = pricing::Money::FromPico(*pico);
  }
  r.pricing_version = c.Text();
  r.price_key = c.Text();
  r.unpriced_reason = c.Text();
  r.pricing_notes = c.Text();
  r.outcome = OutcomeFromName(c.Text());
  r.reason = c.Text();
  r.http_status = static_cast<int>(c.Int());
  r.latency_ms = c.Int();
  r.ttfb_ms = c.Int();
  r.request_bytes = static_cast<uint64_t>(c.Int());
  r.response_bytes = static_cast<uint64_t>(c.Int());
  r.estimated = c.Int() != 0;
  return stored;
}

}  // namespace costgate::daemon::outbox
