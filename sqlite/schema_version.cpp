#include "sqlite/schema_version.h"

#include "sqlite/exec.h"

namespace costgate::sqlite {

std::optional<int> ReadUserVersion(sqlite3* db) {
  const std::optional<int64_t> version = QueryInt(db, "PRAGMA user_version");
  if (!version) {
    return std::nullopt;
  }
  // SQLite keeps user_version as a 32-bit integer in the file header.
  return static_cast<int>(*version);
}

std::optional<std::string> SetUserVersion(sqlite3* db, int version) {
  // A pragma takes no bound parameters: the number is written into the SQL.
  const std::string sql = "PRAGMA user_version = " + std::to_string(version);
  return Exec(db, sql.c_str(), "set schema version");
}

}  // namespace costgate::sqlite
