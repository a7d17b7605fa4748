// ReceiptDb's shipping and upkeep statements. They run a few times a second at most (the
// shipper's pace, retention, the size check), so they are prepared per call; only the insert,
// at request rate, keeps a persistent statement.
#include <sqlite3.h>
#include <sys/stat.h>

#include <memory>

#include "daemon/outbox/receipt_db.h"
#include "daemon/outbox/receipt_schema.h"

namespace costgate::daemon::outbox {
namespace {

struct Finalize {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalize>;

Statement Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  return Statement(stmt);
}

}  // namespace

std::variant<std::vector<StoredReceipt>, std::string> ReceiptDb::SelectUnshipped(size_t max) {
  Statement select = Prepare(db_, SelectUnshippedSql().c_str());
  if (!select) {
    return Error("prepare unshipped select");
  }
  sqlite3_bind_int64(select.get(), 1, static_cast<int64_t>(max));
  std::vector<StoredReceipt> rows;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    rows.push_back(ReadStoredReceipt(select.get()));
  }
  if (rc != SQLITE_DONE) {
    return Error("read unshipped receipts");
  }
  return rows;
}

std::variant<uint64_t, std::string> ReceiptDb::CountUnshipped() {
  Statement count = Prepare(
      db_, "SELECT count(*) FROM receipts WHERE shipped_at_ms IS NULL AND state = 'closed'");
  if (!count || sqlite3_step(count.get()) != SQLITE_ROW) {
    return Error("count unshipped receipts");
  }
  return static_cast<uint64_t>(sqlite3_column_int64(count.get(), 0));
}

template <typename Item, typename BindFn>
std::variant<int64_t, std::string> ReceiptDb::UpdateEach(const char* sql,
                                                         std::span<const Item> items, BindFn bind,
                                                         std::string_view what) {
  if (items.empty()) {
    return int64_t{0};
  }
  Statement update = Prepare(db_, sql);
  if (!update) {
    return Error(what);
  }
  if (auto error = Exec("BEGIN IMMEDIATE")) {
    return *error;
  }
  int64_t changed = 0;
  std::optional<std::string> error;
  for (const Item& item : items) {
    sqlite3_reset(update.get());
    bind(update.get(), item);
    if (sqlite3_step(update.get()) != SQLITE_DONE) {
      error = Error(what);
      break;
    }
    changed += sqlite3_changes64(db_);
  }
  sqlite3_reset(update.get());
  sqlite3_clear_bindings(update.get());
  if (!error) {
    error = Exec("COMMIT");
  }
  if (error) {
    if (sqlite3_get_autocommit(db_) == 0) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
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
      [now_ms](sqlite3_stmt* stmt, const std::string& id) {
        sqlite3_bind_text(stmt, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, now_ms);
      },
      "mark receipts shipped");
}

std::variant<int64_t, std::string> ReceiptDb::MarkRejected(std::span<const Rejection> rejected,
                                                           int64_t now_ms) {
  return UpdateEach(
      "UPDATE receipts SET shipped_at_ms = ?2, rejected_reason = ?3 "
      "WHERE event_id = ?1 AND state = 'closed' AND shipped_at_ms IS NULL",
      rejected,
      [now_ms](sqlite3_stmt* stmt, const Rejection& r) {
        sqlite3_bind_text(stmt, 1, r.event_id.data(), static_cast<int>(r.event_id.size()),
                          SQLITE_STATIC);
        sqlite3_bind_int64(stmt, 2, now_ms);
        sqlite3_bind_text(stmt, 3, r.reason.data(), static_cast<int>(r.reason.size()),
                          SQLITE_STATIC);
      },
      "mark receipts rejected");
}

std::variant<int64_t, std::string> ReceiptDb::DeleteShippedBefore(int64_t cutoff_ms,
                                                                  int64_t limit) {
  // DELETE ... LIMIT needs a compile-time option Debian's SQLite lacks: a rowid subquery over
  // the receipts_shipped_at index bounds the work instead.
  Statement remove = Prepare(db_,
                             "DELETE FROM receipts WHERE rowid IN (SELECT rowid FROM receipts "
                             "WHERE shipped_at_ms IS NOT NULL AND shipped_at_ms < ?1 "
                             "ORDER BY shipped_at_ms LIMIT ?2)");
  if (!remove) {
    return Error("prepare retention delete");
  }
  sqlite3_bind_int64(remove.get(), 1, cutoff_ms);
  sqlite3_bind_int64(remove.get(), 2, limit);
  if (sqlite3_step(remove.get()) != SQLITE_DONE) {
    return Error("delete shipped receipts");
  }
  return sqlite3_changes64(db_);
}

std::optional<int64_t> ReceiptDb::PragmaInt(const char* sql) {
  Statement pragma = Prepare(db_, sql);
  if (!pragma || sqlite3_step(pragma.get()) != SQLITE_ROW) {
    return std::nullopt;
  }
  return sqlite3_column_int64(pragma.get(), 0);
}

std::optional<uint64_t> ReceiptDb::UsedBytes() {
  const std::optional<int64_t> pages = PragmaInt("PRAGMA page_count");
  const std::optional<int64_t> free_pages = PragmaInt("PRAGMA freelist_count");
  const std::optional<int64_t> page_size = PragmaInt("PRAGMA page_size");
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
    return Error("checkpoint");
  }
  return std::nullopt;
}

}  // namespace costgate::daemon::outbox
