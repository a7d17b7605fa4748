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

}  // namespace

std::variant<sqlite3*, std::string> OpenReadWrite(const std::string& path) {
  sqlite3* db = nullptr;
  // NOMUTEX: each connection stays with one thread at a time (the store's caller, the outbox's
  // writer), so SQLite's own locking would be paid for nothing.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string error = ErrorText(db, "open " + path);
    sqlite3_close_v2(db);  // SQLite hands back a connection even when opening fails
    return error;
  }
  // Extended result codes say which of the many I/O and read-only failures it was; a caller
  // that classifies an error masks them to the primary code (& 0xff).
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  return db;
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
