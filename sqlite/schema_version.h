// The schema version of a database: PRAGMA user_version (0 in a new, empty database). Each caller
// decides what a version means and how to migrate; these only read and write the number.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>

namespace costgate::sqlite {

// nullopt when it cannot be read (the file is not a database, is damaged, or is locked):
// ErrorText(db, ...) says why.
std::optional<int> ReadUserVersion(sqlite3* db);

// Within the caller's schema transaction. Returns "set schema version: <SQLite's message>".
std::optional<std::string> SetUserVersion(sqlite3* db, int version);

}  // namespace costgate::sqlite
