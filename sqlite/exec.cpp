#include "sqlite/exec.h"

namespace costgate::sqlite {

std::string ErrorText(sqlite3* db, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  return message;
}

std::optional<std::string> Exec(sqlite3* db, const char* sql, std::string_view what) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return ErrorText(db, what.empty() ? std::string_view(sql) : what);
  }
  return std::nullopt;
}

std::optional<std::string> Prepare(sqlite3* db, const char* sql, sqlite3_stmt** stmt,
                                   std::string_view what) {
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr) != SQLITE_OK) {
    return what.empty() ? ErrorText(db, std::string("prepare ") + sql) : ErrorText(db, what);
  }
  return std::nullopt;
}

Statement PrepareOnce(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  // On failure SQLite leaves stmt null: the Statement is empty.
  sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  return Statement(stmt);
}

std::optional<int64_t> QueryInt(sqlite3* db, const char* sql) {
  Statement stmt = PrepareOnce(db, sql);
  if (!stmt || sqlite3_step(stmt.get()) != SQLITE_ROW) {
    return std::nullopt;
  }
  return sqlite3_column_int64(stmt.get(), 0);
}

void RollbackIfOpen(sqlite3* db) noexcept {
  // A ROLLBACK with no transaction open fails with an error of its own, which would replace
  // the message of the error that led here.
  if (sqlite3_get_autocommit(db) == 0) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

}  // namespace costgate::sqlite
