#include "sqlite/open.h"

#include <string_view>

#include "sqlite/exec.h"

namespace costgate::sqlite {
namespace {

const char* SynchronousPragma(config::SqliteSynchronous s) {
  switch (s) {
    case config::SqliteSynchronous::kOff:
      return "PRAGMA synchronous = OFF";
    case config::SqliteSynchronous::kNormal:
      return "PRAGMA synchronous = NORMAL";
    case config::SqliteSynchronous::kFull:
      return "PRAGMA synchronous = FULL";
  }
  return "PRAGMA synchronous = FULL";
}

std::variant<sqlite3*, std::string> Open(const std::string& path, int flags,
                                         const std::string& context) {
  sqlite3* db = nullptr;
  // NOMUTEX: each connection stays with one thread at a time (the store's caller, the outbox's
  // writer, a reader of a pool), so SQLite's own locking would be paid for nothing.
  if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string error = ErrorText(db, context);
    sqlite3_close_v2(db);  // SQLite hands back a connection even when opening fails
    return error;
  }
  // Extended result codes say which of the many I/O and read-only failures it was; a caller
  // that classifies an error masks them to the primary code (& 0xff).
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  return db;
}

}  // namespace

std::variant<sqlite3*, std::string> OpenReadWrite(const std::string& path) {
  return Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "open " + path);
}

std::variant<sqlite3*, std::string> OpenReadOnly(const std::string& path) {
  const std::string context = "open " + path + " read-only";
  auto opened = Open(path, SQLITE_OPEN_READONLY, context);
  sqlite3** db = std::get_if<sqlite3*>(&opened);
  if (db == nullptr) {
    return opened;
  }
  // ARCHITECTURE.md keeps to one connection per file because the WAL-reset race of the SQLite we
  // ship (3.40) needs two connections that each write or checkpoint: one resets the WAL with a
  // commit while the other's checkpoint misses the reset. A connection opened READONLY cannot
  // commit, and cannot checkpoint either (SQLite refuses a checkpoint on it, and the automatic
  // one only follows a commit); NO_CKPT_ON_CLOSE also stops the checkpoint the last connection
  // to close a WAL file would otherwise attempt. So however many readers are
  // open, the writer is still the only connection that writes or checkpoints, and the race has
  // no second party.
  if (sqlite3_db_config(*db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr) != SQLITE_OK) {
    std::string error = ErrorText(*db, context);
    sqlite3_close_v2(*db);
    return error;
  }
  return opened;
}

std::optional<std::string> UseWal(sqlite3* db, config::SqliteSynchronous synchronous) {
  // WAL lets readers of the file (health checks, backups, the CLI) run beside the writer, and a
  // commit appends to one file instead of rewriting pages in place.
  Statement journal = PrepareOnce(db, "PRAGMA journal_mode = WAL");
  if (!journal || sqlite3_step(journal.get()) != SQLITE_ROW) {
    return ErrorText(db, "enable WAL");
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(journal.get(), 0));
  const std::string_view mode = text != nullptr ? text : "";
  if (mode != "wal" && mode != "memory") {
    return "enable WAL: journal_mode stays " + std::string(mode);
  }
  return Exec(db, SynchronousPragma(synchronous), "set synchronous");
}

}  // namespace costgate::sqlite
