// ReceiptDb's shipping and upkeep statements. They run a few times a second at most (the
// shipper's pace, retention, the size check), so they are prepared per call; only the insert,
// at request rate, keeps a persistent statement.
#include <sqlite3.h>
#include <sys/stat.h>

#include "daemon/outbox/receipt_db.h"
#include "daemon/outbox/receipt_schema.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::daemon::outbox {

std::variant<std::vector<StoredReceipt>, std::string> ReceiptDb::SelectUnshipped(size_t max) {
  sqlite::Statement select = sqlite::PrepareOnce(db_, SelectUnshippedSql().c_str());
  if (!select) {
    return sqlite::ErrorText(db_, "prepare unshipped select");
  }
  sqlite::Binder b(select.get());
  b.Int(static_cast<int64_t>(max));
  std::vector<StoredReceipt> rows;
  int rc = SQLITE_ROW;
  while ((rc = b.Step()) == SQLITE_ROW) {
    rows.push_back(ReadStoredReceipt(select.get()));
  }
  if (rc != SQLITE_DONE) {
    return sqlite::ErrorText(db_, "read unshipped receipts");
  }
  return rows;
}

std::variant<uint64_t, std::string> ReceiptDb::CountUnshipped() {
  const std::optional<int64_t> count = sqlite::QueryInt(
      db_, "SELECT count(*) FROM receipts WHERE shipped_at_ms IS NULL AND state = 'closed'");
  if (!count) {
    return sqlite::ErrorText(db_, "count unshipped receipts");
  }
  return static_cast<uint64_t>(*count);
}

template <typename Item, typename BindFn>
std::variant<int64_t, std::string> ReceiptDb::UpdateEach(const char* sql,
                                                         std::span<const Item> items, BindFn bind,
                                                         std::string_view what) {
  if (items.empty()) {
    return int64_t{0};
  }
  sqlite::Statement update = sqlite::PrepareOnce(db_, sql);
  if (!update) {
    return sqlite::ErrorText(db_, what);
  }
  if (auto error = sqlite::Exec(db_, "BEGIN IMMEDIATE")) {
    return *error;
  }
  int64_t changed = 0;
  std::optional<std::string> error;
  {
    // Bound text points into `items`: the bindings go before the caller frees them.
    sqlite::ResetOnExit reset(update.get());
    for (const Item& item : items) {
      sqlite3_reset(update.get());
      sqlite::Binder b(update.get());
      bind(b, item);
      if (b.Step() != SQLITE_DONE) {
        error = sqlite::ErrorText(db_, what);
        break;
      }
      changed += sqlite3_changes64(db_);
    }
  }
  if (!error) {
    error = sqlite::Exec(db_, "COMMIT");
  }
  if (error) {
    sqlite::RollbackIfOpen(db_);
    return *error;
  }
  return changed;
}

std::variant<int64_t, std::string> ReceiptDb::MarkShipped(std::span<const std::string> event_ids,
                                                          int64_t now_ms) {
  return UpdateEach(
      "UPDATE receipts SET shipped_at_ms = ?2 "
      "WHERE event_id = ?1 AND state = 'closed' AND shipped_at_ms IS NULL",
      event_ids,
      [now_ms](sqlite::Binder& b, const std::string& id) {
        b.Text(id);
        b.Int(now_ms);
      },
      "mark receipts shipped");
}

std::variant<int64_t, std::string> ReceiptDb::MarkRejected(std::span<const Rejection> rejected,
                                                           int64_t now_ms) {
  return UpdateEach(
      "UPDATE receipts SET shipped_at_ms = ?2, rejected_reason = ?3 "
      "WHERE event_id = ?1 AND state = 'closed' AND shipped_at_ms IS NULL",
      rejected,
      [now_ms](sqlite::Binder& b, const Rejection& r) {
        b.Text(r.event_id);
        b.Int(now_ms);
        b.Text(r.reason);
      },
      "mark receipts rejected");
}

std::variant<int64_t, std::string> ReceiptDb::DeleteShippedBefore(int64_t cutoff_ms,
                                                                  int64_t limit) {
  // DELETE ... LIMIT needs a compile-time option Debian's SQLite lacks: a rowid subquery over
  // the receipts_shipped_at index bounds the work instead.
  sqlite::Statement remove =
      sqlite::PrepareOnce(db_,
                          "DELETE FROM receipts WHERE rowid IN (SELECT rowid FROM receipts "
                          "WHERE shipped_at_ms IS NOT NULL AND shipped_at_ms < ?1 "
                          "ORDER BY shipped_at_ms LIMIT ?2)");
  if (!remove) {
    return sqlite::ErrorText(db_, "prepare retention delete");
  }
  sqlite::Binder b(remove.get());
  b.Int(cutoff_ms);
  b.Int(limit);
  if (b.Step() != SQLITE_DONE) {
    return sqlite::ErrorText(db_, "delete shipped receipts");
  }
  return sqlite3_changes64(db_);
}

std::optional<uint64_t> ReceiptDb::UsedBytes() {
  const std::optional<int64_t> pages = sqlite::QueryInt(db_, "PRAGMA page_count");
  const std::optional<int64_t> free_pages = sqlite::QueryInt(db_, "PRAGMA freelist_count");
  const std::optional<int64_t> page_size = sqlite::QueryInt(db_, "PRAGMA page_size");
  if (!pages || !free_pages || !page_size) {
    return std::nullopt;
  }
  uint64_t used = static_cast<uint64_t>(*pages - *free_pages) * static_cast<uint64_t>(*page_size);
  struct stat wal = {};
  if (stat((path_ + "-wal").c_str(), &wal) == 0) {
    used += static_cast<uint64_t>(wal.st_size);
  }
  return used;
}

std::optional<std::string> ReceiptDb::Checkpoint(bool truncate) {
  // One connection, no readers: a checkpoint always completes, the busy result never comes.
  if (sqlite3_wal_checkpoint_v2(db_, nullptr,
                                truncate ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE,
                                nullptr, nullptr) != SQLITE_OK) {
    return sqlite::ErrorText(db_, "checkpoint");
  }
  return std::nullopt;
}

}  // namespace costgate::daemon::outbox
