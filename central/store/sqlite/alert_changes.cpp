// Alerts recorded once, and their deliveries claimed and settled: each a transaction of its own
// (BEGIN IMMEDIATE), so two central processes on one database never both record an alert nor
// both claim one attempt.
#include <string>
#include <utility>

#include "central/store/sqlite/alert_rows.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

StoreStatus InsertDeliveries(sqlite3* db, sqlite3_stmt* stmt, int64_t alert_id,
                             std::span<const DeliveryTarget> targets, int64_t due_unix_ms) {
  for (const DeliveryTarget& target : targets) {
    sqlite::ResetOnExit reset(stmt);
    sqlite::Binder b(stmt);
    b.Int(alert_id);
    b.Text(target.channel);
    b.Text(target.target);
    b.Int(due_unix_ms);
    if (b.Step() != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db, "add delivery of alert " + std::to_string(alert_id))};
    }
  }
  return std::nullopt;
}

StoreResult<bool> AlertExists(sqlite3* db, sqlite3_stmt* stmt, const Alert& alert) {
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(alert.budget_id);
  b.Text(alert.period_key);
  b.Text(alert.kind);
  b.Int(alert.threshold_percent);
  if (b.Step() != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "look up alert of budget " + alert.budget_id)};
  }
  return sqlite3_column_int64(stmt, 0) != 0;
}

// The earliest next_attempt_unix_ms of a pending delivery; nullopt when none is pending.
StoreResult<std::optional<int64_t>> NextDue(sqlite3* db, sqlite3_stmt* stmt) {
  sqlite::ResetOnExit reset(stmt);
  if (sqlite3_step(stmt) != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "read next due delivery")};
  }
  sqlite::Reader r(stmt);
  return r.OptionalInt();
}

StoreStatus ClaimOne(sqlite3* db, const AlertStatements& s, Delivery& delivery, int64_t now_unix_ms,
                     int64_t claim_ms) {
  delivery.attempts += 1;
  delivery.next_attempt_unix_ms = now_unix_ms + claim_ms;
  {
    sqlite::ResetOnExit reset(s.claim);
    sqlite::Binder b(s.claim);
    b.Int(delivery.id);
    b.Int(delivery.next_attempt_unix_ms);
    if (b.Step() != SQLITE_DONE) {
      return StoreError{sqlite::ErrorText(db, "claim delivery " + std::to_string(delivery.id))};
    }
  }
  sqlite::ResetOnExit reset(s.start_attempt);
  sqlite::Binder b(s.start_attempt);
  b.Int(delivery.id);
  b.Int(delivery.attempts);
  b.Int(now_unix_ms);
  if (b.Step() != SQLITE_DONE) {
    return StoreError{
        sqlite::ErrorText(db, "log attempt of delivery " + std::to_string(delivery.id))};
  }
  return std::nullopt;
}

}  // namespace

StoreResult<bool> SqliteStore::RecordAlert(const Alert& alert,
                                           std::span<const DeliveryTarget> targets) {
  const AlertStatements& s = statements_->alerts;
  // Ingest finds every threshold a budget passed due again on each later batch: a look without
  // the write lock answers those. The insert below still decides a race.
  StoreResult<bool> exists = AlertExists(db_, s.alert_exists, alert);
  if (auto* error = std::get_if<StoreError>(&exists)) {
    return *std::move(error);
  }
  if (std::get<bool>(exists)) {
    return false;
  }
  return WriteTransaction<bool>(
      db_, statements_->begin, statements_->commit, "record alert", [&]() -> StoreResult<bool> {
        {
          sqlite::ResetOnExit reset(s.insert_alert);
          if (BindAlert(s.insert_alert, alert) != SQLITE_OK ||
              sqlite3_step(s.insert_alert) != SQLITE_DONE) {
            return StoreError{sqlite::ErrorText(db_, "record alert of budget " + alert.budget_id)};
          }
        }
        // OR IGNORE changes no row when the alert is stored already: someone else fired it.
        if (sqlite3_changes64(db_) == 0) {
          return false;
        }
        const int64_t alert_id = sqlite3_last_insert_rowid(db_);
        if (StoreStatus error =
                InsertDeliveries(db_, s.insert_delivery, alert_id, targets, alert.fired_unix_ms)) {
          return *std::move(error);
        }
        return true;
      });
}

StoreResult<DeliveryClaims> SqliteStore::ClaimDeliveries(int64_t now_unix_ms, int64_t claim_ms,
                                                         int max_attempts, int limit) {
  const AlertStatements& s = statements_->alerts;
  // A look without the write lock first: the sender polls, and mostly nothing is due.
  StoreResult<std::optional<int64_t>> due = NextDue(db_, s.next_due);
  if (auto* error = std::get_if<StoreError>(&due)) {
    return *std::move(error);
  }
  const std::optional<int64_t> next = std::get<std::optional<int64_t>>(due);
  if (!next || *next > now_unix_ms) {
    return DeliveryClaims{{}, next};
  }
  return WriteTransaction<DeliveryClaims>(
      db_, statements_->begin, statements_->commit, "claim deliveries",
      [&]() -> StoreResult<DeliveryClaims> {
        {
          sqlite::ResetOnExit reset(s.fail_exhausted);
          sqlite::Binder b(s.fail_exhausted);
          b.Int(now_unix_ms);
          b.Int(max_attempts);
          if (b.Step() != SQLITE_DONE) {
            return StoreError{sqlite::ErrorText(db_, "give up exhausted deliveries")};
          }
        }
        DeliveryClaims claims;
        {
          sqlite::ResetOnExit reset(s.select_due);
          sqlite::Binder b(s.select_due);
          b.Int(now_unix_ms);
          b.Int(limit);
          int rc = b.Step();
          for (; rc == SQLITE_ROW; rc = sqlite3_step(s.select_due)) {
            sqlite::Reader r(s.select_due);
            ClaimedDelivery claimed;
            claimed.delivery = ReadDelivery(r);
            claimed.alert = ReadAlert(r);
            claims.claimed.push_back(std::move(claimed));
          }
          if (rc != SQLITE_DONE) {
            return StoreError{sqlite::ErrorText(db_, "read due deliveries")};
          }
        }
        for (ClaimedDelivery& claimed : claims.claimed) {
          if (StoreStatus error = ClaimOne(db_, s, claimed.delivery, now_unix_ms, claim_ms)) {
            return *std::move(error);
          }
        }
        StoreResult<std::optional<int64_t>> after = NextDue(db_, s.next_due);
        if (auto* error = std::get_if<StoreError>(&after)) {
          return *std::move(error);
        }
        claims.next_due_unix_ms = std::get<std::optional<int64_t>>(after);
        return claims;
      });
}

StoreStatus SqliteStore::FinishAttempt(const AttemptResult& result) {
  const AlertStatements& s = statements_->alerts;
  StoreResult<bool> done = WriteTransaction<bool>(
      db_, statements_->begin, statements_->commit, "finish delivery attempt",
      [&]() -> StoreResult<bool> {
        {
          sqlite::ResetOnExit reset(s.end_attempt);
          sqlite::Binder b(s.end_attempt);
          b.Int(result.delivery_id);
          b.Int(result.attempt);
          b.Int(result.ended_unix_ms);
          b.Text(result.outcome);
          b.Text(result.detail);
          if (b.Step() != SQLITE_DONE) {
            return StoreError{sqlite::ErrorText(db_, "log end of attempt")};
          }
        }
        const bool sent = result.outcome == kDeliverySent;
        const bool retry = result.outcome == kAttemptRetry;
        sqlite::ResetOnExit reset(s.settle_delivery);
        sqlite::Binder b(s.settle_delivery);
        b.Int(result.delivery_id);
        b.Text(sent ? kDeliverySent : retry ? kDeliveryPending : kDeliveryFailed);
        b.Text(sent ? std::string_view() : std::string_view(result.detail));
        b.Int(retry ? result.next_attempt_unix_ms : result.ended_unix_ms);
        b.OptionalInt(sent ? std::optional<int64_t>(result.ended_unix_ms) : std::nullopt);
        b.Int(result.attempt);
        if (b.Step() != SQLITE_DONE) {
          return StoreError{
              sqlite::ErrorText(db_, "settle delivery " + std::to_string(result.delivery_id))};
        }
        return true;
      });
  if (auto* error = std::get_if<StoreError>(&done)) {
    return *std::move(error);
  }
  return std::nullopt;
}

}  // namespace costgate::central
