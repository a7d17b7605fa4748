// Internal to central/store: small helpers around the SQLite C API shared by the SqliteStore
// files (errors as StoreError, binding by position, reading columns, statement reset).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "central/store/store.h"

namespace costgate::central::sqlite {

// "<what>: <sqlite's message>".
StoreError Error(sqlite3* db, std::string_view what);

// Runs SQL text that returns no rows (schema, pragmas); nullopt when it succeeded.
StoreStatus Exec(sqlite3* db, const char* sql, std::string_view what);

// Prepares `sql` for reuse over the connection's lifetime.
StoreStatus Prepare(sqlite3* db, const char* sql, sqlite3_stmt** stmt);

// Binds parameters left to right; the first failing code is kept. Text is bound without a copy
// (SQLITE_STATIC): it must outlive the statement's step, and the statement is reset with its
// bindings cleared before that text goes away (ResetOnExit).
class Binder {
 public:
  explicit Binder(sqlite3_stmt* stmt) : stmt_(stmt) {}
  void Text(std::string_view v);
  void Int(int64_t v);
  void OptionalInt(const std::optional<int64_t>& v);
  int rc() const { return rc_; }

 private:
  void Check(int rc);
  sqlite3_stmt* stmt_;
  int index_ = 0;
  int rc_ = SQLITE_OK;
};

// Reads the columns of the current row left to right.
class Reader {
 public:
  explicit Reader(sqlite3_stmt* stmt) : stmt_(stmt) {}
  std::string Text();
  int64_t Int();
  std::optional<int64_t> OptionalInt();

 private:
  sqlite3_stmt* stmt_;
  int index_ = 0;
};

// Resets a cached statement and clears its bindings when the scope ends, on every path: bound
// text points into the caller's values, and a statement left mid-step would hold a read lock.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetOnExit() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace costgate::central::sqlite
