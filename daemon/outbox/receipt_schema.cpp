#include "daemon/outbox/receipt_schema.h"

#include <sqlite3.h>

#include <array>
#include <string_view>

namespace costgate::daemon::outbox {
namespace {

// Insert order = bind order (BindReceipt). shipped_at_ms is not bound: a (re)written receipt
// has not been shipped in this form yet.
constexpr std::array<std::string_view, 34> kBoundColumns = {
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
  std::string columns;
  std::string values;
  std::string updates;
  for (std::string_view column : kBoundColumns) {
    if (!columns.empty()) {
      columns += ", ";
      values += ", ";
    }
    columns += column;
    values += '?';
    if (column != "event_id") {
      updates.append(column).append(" = excluded.").append(column).append(", ");
    }
  }
  return "INSERT INTO receipts (" + columns + ", shipped_at_ms) VALUES (" + values +
         ", NULL) ON CONFLICT(event_id) DO UPDATE SET " + updates +
         "shipped_at_ms = excluded.shipped_at_ms";
}

class Binder {
 public:
  explicit Binder(sqlite3_stmt* stmt) : stmt_(stmt) {}
  void Text(std::string_view v) {
    Check(sqlite3_bind_text(stmt_, ++index_, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
  }
  void Int(int64_t v) { Check(sqlite3_bind_int64(stmt_, ++index_, v)); }
  void Null() { Check(sqlite3_bind_null(stmt_, ++index_)); }
  int rc() const { return rc_; }

 private:
  void Check(int rc) {
    if (rc_ == SQLITE_OK) {
      rc_ = rc;
    }
  }
  sqlite3_stmt* stmt_;
  int index_ = 0;
  int rc_ = SQLITE_OK;
};

}  // namespace

// No secondary index yet: each one costs every insert a b-tree update on the request-rate write
// path, and nothing queries by shipped_at_ms until the shipper exists; its schema migration adds
// the index it needs.
const char* const kCreateReceiptsSql = R"sql(
CREATE TABLE IF NOT EXISTS receipts (
  event_id        TEXT PRIMARY KEY,
  state           TEXT NOT NULL,     -- 'closed'; 'open' for an intent written at admission
  start_unix_ms   INTEGER NOT NULL,
  end_unix_ms     INTEGER NOT NULL,
  host            TEXT NOT NULL,
  daemon_version  TEXT NOT NULL,
  source_app      TEXT NOT NULL,
  workspace       TEXT NOT NULL,
  team            TEXT NOT NULL,
  project         TEXT NOT NULL,
  environment     TEXT NOT NULL,
  pod             TEXT NOT NULL,
  user            TEXT NOT NULL,
  job             TEXT NOT NULL,
  feature         TEXT NOT NULL,
  provider        TEXT NOT NULL,
  operation       TEXT NOT NULL,
  metered         INTEGER NOT NULL,
  model_requested TEXT NOT NULL,
  model_version   TEXT NOT NULL,
  units_json      TEXT NOT NULL,     -- Units::ToJson()
  service_tier    TEXT NOT NULL,     -- serviceTier / trafficType as reported; '' when none
  cost_pico_usd   INTEGER,           -- USD x 1e12; NULL: unpriced
  pricing_version TEXT NOT NULL,
  price_key       TEXT NOT NULL,     -- price row used; '' when the model is unknown
  unpriced_reason TEXT NOT NULL,     -- why cost is NULL (unknown_model, no_rate, ...)
  outcome         TEXT NOT NULL,     -- OutcomeName()
  reason          TEXT NOT NULL,
  http_status     INTEGER NOT NULL,
  latency_ms      INTEGER NOT NULL,
  ttfb_ms         INTEGER NOT NULL,
  request_bytes   INTEGER NOT NULL,
  response_bytes  INTEGER NOT NULL,
  estimated       INTEGER NOT NULL,
  shipped_at_ms   INTEGER            -- NULL: not shipped yet
);
)sql";

// Version 1 stored cost_micro_usd; money is pico-USD from version 2 on (pricing/money.h).
const char* const kMigrateReceiptsV1ToV2Sql = R"sql(
ALTER TABLE receipts RENAME COLUMN cost_micro_usd TO cost_pico_usd;
UPDATE receipts SET cost_pico_usd = cost_pico_usd * 1000000 WHERE cost_pico_usd IS NOT NULL;
ALTER TABLE receipts ADD COLUMN service_tier TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN price_key TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN unpriced_reason TEXT NOT NULL DEFAULT '';
)sql";

const std::string& InsertReceiptSql() {
  static const std::string sql = BuildInsertSql();
  return sql;
}

int BindReceipt(sqlite3_stmt* stmt, const filters::Receipt& r, const std::string& units_json) {
  Binder b(stmt);
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

}  // namespace costgate::daemon::outbox
