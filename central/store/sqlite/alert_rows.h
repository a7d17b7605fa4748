// Internal to central/store/sqlite: the alert tables (schema version 4), the prepared statements
// a SqliteStore reuses for them, and how an alert maps to a row.
#pragma once

#include <sqlite3.h>

#include "central/store/alert.h"
#include "central/store/store.h"
#include "sqlite/statement.h"

namespace costgate::central {

// CREATE TABLE IF NOT EXISTS for budget_alerts, alert_deliveries and alert_attempts: the same
// text makes them in a new database and adds them to an older one.
extern const char* const kCreateAlertTablesSql;

struct AlertStatements {
  AlertStatements() = default;
  AlertStatements(const AlertStatements&) = delete;
  AlertStatements& operator=(const AlertStatements&) = delete;
  ~AlertStatements();

  // Prepares every statement; on failure the ones prepared are finalized by the destructor.
  StoreStatus PrepareAll(sqlite3* db);

  sqlite3_stmt* begin_read = nullptr;  // BEGIN (deferred): one snapshot for a page of the log
  sqlite3_stmt* end_read = nullptr;
  sqlite3_stmt* alert_exists = nullptr;
  sqlite3_stmt* insert_alert = nullptr;
  sqlite3_stmt* insert_delivery = nullptr;
  sqlite3_stmt* next_due = nullptr;
  sqlite3_stmt* fail_exhausted = nullptr;
  sqlite3_stmt* select_due = nullptr;
  sqlite3_stmt* claim = nullptr;
  sqlite3_stmt* start_attempt = nullptr;
  sqlite3_stmt* end_attempt = nullptr;
  sqlite3_stmt* settle_delivery = nullptr;
  sqlite3_stmt* list_alerts = nullptr;
  sqlite3_stmt* list_deliveries = nullptr;
  sqlite3_stmt* list_attempts = nullptr;
};

// Binds `alert` to insert_alert, columns in the order of budget_alerts after its id. Returns an
// SQLite code.
int BindAlert(sqlite3_stmt* stmt, const Alert& alert);
// The alert in the reader's next columns (kAlertColumns, its id first).
Alert ReadAlert(sqlite::Reader& r);
// The delivery in the reader's next columns (kDeliveryColumns, its id first); no attempts.
Delivery ReadDelivery(sqlite::Reader& r);

}  // namespace costgate::central
