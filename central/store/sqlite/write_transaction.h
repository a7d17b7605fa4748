// The SQLite store's write-transaction plumbing, shared by its change files: one statement
// stepped to SQLITE_DONE, and a body run between BEGIN IMMEDIATE and COMMIT.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "central/store/store.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {

// Steps `stmt` (already bound) to SQLITE_DONE and resets it; the error names `what`.
inline StoreStatus StepDone(sqlite3* db, sqlite3_stmt* stmt, std::string_view what) {
  sqlite::ResetOnExit reset(stmt);
  if (sqlite3_step(stmt) != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, what)};
  }
  return std::nullopt;
}

// Runs `body` (returning StoreResult<T>) between BEGIN IMMEDIATE and COMMIT; rolls back when the
// body or the commit fails.
template <typename T, typename Body>
StoreResult<T> WriteTransaction(sqlite3* db, sqlite3_stmt* begin, sqlite3_stmt* commit,
                                std::string_view what, Body body) {
  if (StoreStatus error = StepDone(db, begin, "begin " + std::string(what))) {
    return *std::move(error);
  }
  StoreResult<T> result = body();
  if (std::holds_alternative<T>(result)) {
    if (StoreStatus error = StepDone(db, commit, "commit " + std::string(what))) {
      result = *std::move(error);
    }
  }
  if (std::holds_alternative<StoreError>(result)) {
    sqlite::RollbackIfOpen(db);
  }
  return result;
}

}  // namespace costgate::central
