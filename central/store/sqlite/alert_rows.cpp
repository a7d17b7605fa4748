// Alerts, their deliveries and every delivery attempt as rows; the SQL the alert methods of
// SqliteStore run (alert_changes.cpp, alert_log.cpp).
#include "central/store/sqlite/alert_rows.h"

#include <array>
#include <string>
#include <utility>

#include "sqlite/exec.h"

namespace costgate::central {

// budget_alerts: one row per alert; the UNIQUE key is what makes each threshold fire once per
// period, decided by the database whichever replica inserts first (INSERT OR IGNORE). The id
// pages the log and names the alert in its deliveries; AUTOINCREMENT so that it never repeats.
// projected_pico_usd is NULL for a threshold alert. subject and text are the message as written
// when it fired.
// alert_deliveries: one row per alert and target; attempts counts attempts started;
// next_attempt_unix_ms is when a pending delivery is due, and while an attempt is in flight the
// expiry of its claim. sent_unix_ms NULL until sent. alert_deliveries_due serves the sender's
// poll.
// alert_attempts: one row per attempt, "sending" until its end is recorded (a row left so says
// the process died during it).
const char* const kCreateAlertTablesSql = R"sql(
CREATE TABLE IF NOT EXISTS budget_alerts (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  budget_id            TEXT NOT NULL,
  period_key           TEXT NOT NULL,
  kind                 TEXT NOT NULL,
  threshold_percent    INTEGER NOT NULL,
  fired_unix_ms        INTEGER NOT NULL,
  spent_pico_usd       INTEGER NOT NULL,
  amount_pico_usd      INTEGER NOT NULL,
  projected_pico_usd   INTEGER,
  budget_name          TEXT NOT NULL,
  period               TEXT NOT NULL,
  period_start_unix_ms INTEGER NOT NULL,
  period_end_unix_ms   INTEGER NOT NULL,
  subject              TEXT NOT NULL,
  text                 TEXT NOT NULL,
  UNIQUE (budget_id, period_key, kind, threshold_percent)
);
CREATE TABLE IF NOT EXISTS alert_deliveries (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id             INTEGER NOT NULL,
  channel              TEXT NOT NULL,
  target               TEXT NOT NULL,
  attempts             INTEGER NOT NULL,
  status               TEXT NOT NULL,
  last_error           TEXT NOT NULL,
  next_attempt_unix_ms INTEGER NOT NULL,
  sent_unix_ms         INTEGER
);
CREATE INDEX IF NOT EXISTS alert_deliveries_due ON alert_deliveries (status, next_attempt_unix_ms);
CREATE INDEX IF NOT EXISTS alert_deliveries_by_alert ON alert_deliveries (alert_id);
CREATE TABLE IF NOT EXISTS alert_attempts (
  delivery_id     INTEGER NOT NULL,
  attempt         INTEGER NOT NULL,
  started_unix_ms INTEGER NOT NULL,
  ended_unix_ms   INTEGER NOT NULL,
  outcome         TEXT NOT NULL,
  detail          TEXT NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
) WITHOUT ROWID;
)sql";

namespace {

constexpr const char* kAlertExistsSql =
    "SELECT EXISTS (SELECT 1 FROM budget_alerts WHERE budget_id = ?1 AND period_key = ?2 "
    "AND kind = ?3 AND threshold_percent = ?4)";
constexpr const char* kInsertAlertSql =
    "INSERT OR IGNORE INTO budget_alerts (budget_id, period_key, kind, threshold_percent, "
    "fired_unix_ms, spent_pico_usd, amount_pico_usd, projected_pico_usd, budget_name, period, "
    "period_start_unix_ms, period_end_unix_ms, subject, text) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kInsertDeliverySql =
    "INSERT INTO alert_deliveries (alert_id, channel, target, attempts, status, last_error, "
    "next_attempt_unix_ms, sent_unix_ms) VALUES (?1, ?2, ?3, 0, 'pending', '', ?4, NULL)";
constexpr const char* kNextDueSql =
    "SELECT min(next_attempt_unix_ms) FROM alert_deliveries WHERE status = 'pending'";
// A delivery whose every attempt was claimed and none came back (its senders died) is given up
// once its last claim expires.
constexpr const char* kFailExhaustedSql =
    "UPDATE alert_deliveries SET status = 'failed', "
    "last_error = 'no result recorded for attempt ' || attempts "
    "WHERE status = 'pending' AND next_attempt_unix_ms <= ?1 AND attempts >= ?2";
// The statements that read alerts and deliveries name the columns in the order ReadAlert and
// ReadDelivery read them.
constexpr const char* kSelectDueSql =
    "SELECT "
    "d.id, d.alert_id, d.channel, d.target, d.attempts, d.status, d.last_error, "
    "d.next_attempt_unix_ms, d.sent_unix_ms, "
    "a.id, a.budget_id, a.period_key, a.kind, a.threshold_percent, a.fired_unix_ms, "
    "a.spent_pico_usd, a.amount_pico_usd, a.projected_pico_usd, a.budget_name, a.period, "
    "a.period_start_unix_ms, a.period_end_unix_ms, a.subject, a.text "
    "FROM alert_deliveries AS d JOIN budget_alerts AS a ON a.id = d.alert_id "
    "WHERE d.status = 'pending' AND d.next_attempt_unix_ms <= ?1 "
    "ORDER BY d.next_attempt_unix_ms, d.id LIMIT ?2";
constexpr const char* kClaimSql =
    "UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt_unix_ms = ?2 "
    "WHERE id = ?1";
constexpr const char* kStartAttemptSql =
    "INSERT OR REPLACE INTO alert_attempts (delivery_id, attempt, started_unix_ms, "
    "ended_unix_ms, outcome, detail) VALUES (?1, ?2, ?3, 0, 'sending', '')";
constexpr const char* kEndAttemptSql =
    "UPDATE alert_attempts SET ended_unix_ms = ?3, outcome = ?4, detail = ?5 "
    "WHERE delivery_id = ?1 AND attempt = ?2";
// ?2 status, ?3 last_error, ?4 next_attempt, ?5 sent time (NULL unless sent), ?6 the attempt.
constexpr const char* kSettleDeliverySql =
    "UPDATE alert_deliveries SET status = ?2, last_error = ?3, next_attempt_unix_ms = ?4, "
    "sent_unix_ms = ?5 WHERE id = ?1 AND status = 'pending' AND (?2 = 'sent' OR attempts = ?6)";
constexpr const char* kListAlertsSql =
    "SELECT "
    "a.id, a.budget_id, a.period_key, a.kind, a.threshold_percent, a.fired_unix_ms, "
    "a.spent_pico_usd, a.amount_pico_usd, a.projected_pico_usd, a.budget_name, a.period, "
    "a.period_start_unix_ms, a.period_end_unix_ms, a.subject, a.text "
    "FROM budget_alerts AS a WHERE a.id < ?1 ORDER BY a.id DESC LIMIT ?2";
constexpr const char* kListDeliveriesSql =
    "SELECT "
    "d.id, d.alert_id, d.channel, d.target, d.attempts, d.status, d.last_error, "
    "d.next_attempt_unix_ms, d.sent_unix_ms "
    "FROM alert_deliveries AS d WHERE d.alert_id = ?1 ORDER BY d.id";
constexpr const char* kListAttemptsSql =
    "SELECT attempt, started_unix_ms, ended_unix_ms, outcome, detail FROM alert_attempts "
    "WHERE delivery_id = ?1 ORDER BY attempt";

}  // namespace

int BindAlert(sqlite3_stmt* stmt, const Alert& alert) {
  sqlite::Binder b(stmt);
  b.Text(alert.budget_id);
  b.Text(alert.period_key);
  b.Text(alert.kind);
  b.Int(alert.threshold_percent);
  b.Int(alert.fired_unix_ms);
  b.Int(alert.spent.pico());
  b.Int(alert.amount.pico());
  if (alert.projected) {
    b.Int(alert.projected->pico());
  } else {
    b.Null();
  }
  b.Text(alert.budget_name);
  b.Text(alert.period);
  b.Int(alert.period_start_unix_ms);
  b.Int(alert.period_end_unix_ms);
  b.Text(alert.subject);
  b.Text(alert.text);
  return b.rc();
}

Alert ReadAlert(sqlite::Reader& r) {
  Alert alert;
  alert.id = r.Int();
  alert.budget_id = r.Text();
  alert.period_key = r.Text();
  alert.kind = r.Text();
  alert.threshold_percent = static_cast<int>(r.Int());
  alert.fired_unix_ms = r.Int();
  alert.spent = pricing::Money::FromPico(r.Int());
  alert.amount = pricing::Money::FromPico(r.Int());
  if (std::optional<int64_t> projected = r.OptionalInt()) {
    alert.projected = pricing::Money::FromPico(*projected);
  }
  alert.budget_name = r.Text();
  alert.period = r.Text();
  alert.period_start_unix_ms = r.Int();
  alert.period_end_unix_ms = r.Int();
  alert.subject = r.Text();
  alert.text = r.Text();
  return alert;
}

Delivery ReadDelivery(sqlite::Reader& r) {
  Delivery delivery;
  delivery.id = r.Int();
  delivery.alert_id = r.Int();
  delivery.to.channel = r.Text();
  delivery.to.target = r.Text();
  delivery.attempts = static_cast<int>(r.Int());
  delivery.status = r.Text();
  delivery.last_error = r.Text();
  delivery.next_attempt_unix_ms = r.Int();
  delivery.sent_unix_ms = r.OptionalInt();
  return delivery;
}

AlertStatements::~AlertStatements() {
  for (sqlite3_stmt* stmt :
       {begin_read, end_read, alert_exists, insert_alert, insert_delivery, next_due, fail_exhausted,
        select_due, claim, start_attempt, end_attempt, settle_delivery, list_alerts,
        list_deliveries, list_attempts}) {
    sqlite3_finalize(stmt);
  }
}

StoreStatus AlertStatements::PrepareAll(sqlite3* db) {
  const std::array<std::pair<sqlite3_stmt**, const char*>, 15> all = {{
      {&begin_read, "BEGIN"},
      {&end_read, "COMMIT"},
      {&alert_exists, kAlertExistsSql},
      {&insert_alert, kInsertAlertSql},
      {&insert_delivery, kInsertDeliverySql},
      {&next_due, kNextDueSql},
      {&fail_exhausted, kFailExhaustedSql},
      {&select_due, kSelectDueSql},
      {&claim, kClaimSql},
      {&start_attempt, kStartAttemptSql},
      {&end_attempt, kEndAttemptSql},
      {&settle_delivery, kSettleDeliverySql},
      {&list_alerts, kListAlertsSql},
      {&list_deliveries, kListDeliveriesSql},
      {&list_attempts, kListAttemptsSql},
  }};
  for (const auto& [stmt, sql] : all) {
    if (auto error = sqlite::Prepare(db, sql, stmt)) {
      return StoreError{*std::move(error)};
    }
  }
  return std::nullopt;
}

}  // namespace costgate::central
