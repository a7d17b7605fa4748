// The alert log: a page of alerts with their deliveries and every attempt, read in one snapshot.
#include <limits>
#include <string>
#include <utility>

#include "central/store/sqlite/alert_rows.h"
#include "central/store/sqlite/store_statements.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

StoreStatus ReadAttempts(sqlite3* db, sqlite3_stmt* stmt, Delivery& delivery) {
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Int(delivery.id);
  int rc = b.Step();
  for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
    sqlite::Reader r(stmt);
    DeliveryAttempt attempt;
    attempt.attempt = static_cast<int>(r.Int());
    attempt.started_unix_ms = r.Int();
    attempt.ended_unix_ms = r.Int();
    attempt.outcome = r.Text();
    attempt.detail = r.Text();
    delivery.log.push_back(std::move(attempt));
  }
  if (rc != SQLITE_DONE) {
    return StoreError{
        sqlite::ErrorText(db, "read attempts of delivery " + std::to_string(delivery.id))};
  }
  return std::nullopt;
}

StoreStatus ReadDeliveries(sqlite3* db, const AlertStatements& s, AlertLogEntry& entry) {
  {
    sqlite::ResetOnExit reset(s.list_deliveries);
    sqlite::Binder b(s.list_deliveries);
    b.Int(entry.alert.id);
    int rc = b.Step();
    for (; rc == SQLITE_ROW; rc = sqlite3_step(s.list_deliveries)) {
      sqlite::Reader r(s.list_deliveries);
      entry.deliveries.push_back(ReadDelivery(r));
    }
    if (rc != SQLITE_DONE) {
      return StoreError{
          sqlite::ErrorText(db, "read deliveries of alert " + std::to_string(entry.alert.id))};
    }
  }
  for (Delivery& delivery : entry.deliveries) {
    if (StoreStatus error = ReadAttempts(db, s.list_attempts, delivery)) {
      return error;
    }
  }
  return std::nullopt;
}

StoreResult<std::vector<AlertLogEntry>> ReadPage(sqlite3* db, const AlertStatements& s,
                                                 int64_t limit, std::optional<int64_t> before_id) {
  std::vector<AlertLogEntry> page;
  {
    sqlite::ResetOnExit reset(s.list_alerts);
    sqlite::Binder b(s.list_alerts);
    b.Int(before_id.value_or(std::numeric_limits<int64_t>::max()));
    b.Int(limit);
    int rc = b.Step();
    for (; rc == SQLITE_ROW; rc = sqlite3_step(s.list_alerts)) {
      sqlite::Reader r(s.list_alerts);
      page.push_back(AlertLogEntry{ReadAlert(r), {}});
    }
    if (rc != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db, "list alerts")};
    }
  }
  for (AlertLogEntry& entry : page) {
    if (StoreStatus error = ReadDeliveries(db, s, entry)) {
      return *std::move(error);
    }
  }
  return page;
}

}  // namespace

StoreResult<std::vector<AlertLogEntry>> SqliteStore::ListAlerts(int64_t limit,
                                                                std::optional<int64_t> before_id) {
  const AlertStatements& s = statements_->alerts;
  {
    sqlite::ResetOnExit reset(s.begin_read);
    if (sqlite3_step(s.begin_read) != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db_, "begin reading alerts")};
    }
  }
  StoreResult<std::vector<AlertLogEntry>> page = ReadPage(db_, s, limit, before_id);
  sqlite::ResetOnExit reset(s.end_read);
  if (sqlite3_step(s.end_read) != SQLITE_DONE) {
    sqlite::RollbackIfOpen(db_);
    if (std::holds_alternative<std::vector<AlertLogEntry>>(page)) {
      return StoreError{sqlite::ErrorText(db_, "end reading alerts")};
    }
  }
  return page;
}

}  // namespace costgate::central
