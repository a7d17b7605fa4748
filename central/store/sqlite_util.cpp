#include "central/store/sqlite_util.h"

namespace costgate::central::sqlite {

StoreError Error(sqlite3* db, std::string_view what) {
  StoreError error{std::string(what)};
  error.message += ": ";
  error.message += db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  return error;
}

StoreStatus Exec(sqlite3* db, const char* sql, std::string_view what) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error(db, what);
  }
  return std::nullopt;
}

StoreStatus Prepare(sqlite3* db, const char* sql, sqlite3_stmt** stmt) {
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr) != SQLITE_OK) {
    return Error(db, std::string("prepare ") + sql);
  }
  return std::nullopt;
}

void Binder::Check(int rc) {
  if (rc_ == SQLITE_OK) {
    rc_ = rc;
  }
}

void Binder::Text(std::string_view v) {
  // A non-null pointer even for "": a null one would bind SQL NULL into a NOT NULL column.
  Check(sqlite3_bind_text(stmt_, ++index_, v.empty() ? "" : v.data(), static_cast<int>(v.size()),
                          SQLITE_STATIC));
}

void Binder::Int(int64_t v) { Check(sqlite3_bind_int64(stmt_, ++index_, v)); }

void Binder::OptionalInt(const std::optional<int64_t>& v) {
  if (v) {
    Int(*v);
  } else {
    Check(sqlite3_bind_null(stmt_, ++index_));
  }
}

std::string Reader::Text() {
  const int i = index_++;
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
  return text == nullptr ? std::string()
                         : std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
}

int64_t Reader::Int() { return sqlite3_column_int64(stmt_, index_++); }

std::optional<int64_t> Reader::OptionalInt() {
  const int i = index_++;
  if (sqlite3_column_type(stmt_, i) == SQLITE_NULL) {
    return std::nullopt;
  }
  return sqlite3_column_int64(stmt_, i);
}

}  // namespace costgate::central::sqlite
