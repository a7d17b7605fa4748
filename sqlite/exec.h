// Running SQL on a connection, with errors as text: "<what>: <SQLite's message>". Each function
// returns nullopt (or a value) when it succeeded, the error text otherwise.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sqlite/statement.h"

namespace costgate::sqlite {

// "<what>: <sqlite3_errmsg(db)>"; "<what>: out of memory" when there is no connection (SQLite
// could not allocate one).
std::string ErrorText(sqlite3* db, std::string_view what);

// Runs SQL text that returns no rows (schema, pragmas, BEGIN/COMMIT). `what` names it in the
// error; empty = the SQL itself.
std::optional<std::string> Exec(sqlite3* db, const char* sql, std::string_view what = {});

// Prepares `sql` for reuse over the connection's lifetime (SQLITE_PREPARE_PERSISTENT); the
// caller finalizes *stmt. `what` names it in the error; empty = "prepare <sql>".
std::optional<std::string> Prepare(sqlite3* db, const char* sql, sqlite3_stmt** stmt,
                                   std::string_view what = {});

// Prepares `sql` for one use. Null when it does not prepare: ErrorText(db, ...) says why.
Statement PrepareOnce(sqlite3* db, const char* sql);

// The first column of the first row `sql` yields, as an integer (a count, a pragma). nullopt
// when it does not prepare or yields no row: ErrorText(db, ...) says why.
std::optional<int64_t> QueryInt(sqlite3* db, const char* sql);

// Rolls back the transaction open on `db`, if one is: after some errors (SQLITE_FULL,
// SQLITE_IOERR, SQLITE_NOMEM, ...) SQLite has already rolled it back itself.
void RollbackIfOpen(sqlite3* db) noexcept;

}  // namespace costgate::sqlite
