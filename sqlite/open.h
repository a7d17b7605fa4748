// Opening a costgate database the way both of them run (central's store, the daemon's outbox):
// one connection per file per process that writes, WAL, synchronous from config
// (ARCHITECTURE.md), and for central's reads connections that only read. Schema, and whatever a
// caller does about a read-only or damaged file, stay with the caller.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <variant>

#include "config/config.h"

namespace costgate::sqlite {

// How long a statement waits for a lock another connection (a backup, `costgate keys list`, a
// reader of the file) holds before it fails with SQLITE_BUSY.
inline constexpr int kBusyTimeoutMs = 5000;

// Opens (creating if needed) the database at `path` (":memory:" for a private in-memory one) for
// reading and writing, for one thread at a time (no SQLite mutex), with extended result codes
// and busy_timeout kBusyTimeoutMs. A file that may only be read opens read-only
// (sqlite3_db_readonly says so). Nothing is read from the file yet: one that is not a database
// fails at the first statement (UseWal). Returns the connection, which the caller closes
// (sqlite3_close_v2), or "open <path>: <SQLite's message>" with nothing left open.
std::variant<sqlite3*, std::string> OpenReadWrite(const std::string& path);

// Opens the existing database at `path` for reading only, beside the process's one writing
// connection (a reader of a pool): for one thread at a time, with extended result codes and
// busy_timeout kBusyTimeoutMs, like OpenReadWrite. The connection never writes and never
// checkpoints, not even when it is the last one to close (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE), so
// the writer stays the only connection that writes or checkpoints the file (open.cpp says why).
// A file that does not exist is an error, never created. Returns the connection, which the
// caller closes, or "open <path> read-only: <SQLite's message>" with nothing left open.
std::variant<sqlite3*, std::string> OpenReadOnly(const std::string& path);

// Puts the database in WAL mode and sets PRAGMA synchronous to `synchronous`. An in-memory
// database has no file to journal: it reports journal_mode "memory", which is accepted. Returns
// "enable WAL: <SQLite's message>", "enable WAL: journal_mode stays <mode>" or
// "set synchronous: <SQLite's message>".
std::optional<std::string> UseWal(sqlite3* db, config::SqliteSynchronous synchronous);

}  // namespace costgate::sqlite
