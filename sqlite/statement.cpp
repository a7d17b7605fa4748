#include "sqlite/statement.h"

namespace costgate::sqlite {

std::string Reader::Text() {
  const int i = index_++;
  // The text first, then its size: sqlite3_column_bytes after sqlite3_column_text measures the
  // UTF-8 text just made, whatever the column's stored type.
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

}  // namespace costgate::sqlite
