// Internal to central/store/sqlite: statements of the account tables prepared for one use, shared
// by account_rows.cpp (reads, sessions) and account_changes.cpp (audited changes).
#pragma once

#include <sqlite3.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "central/store/store.h"
#include "sqlite/statement.h"

namespace costgate::central {

// `sql` prepared for one use; the error names `what`.
StoreResult<sqlite::Statement> PrepareAccountSql(sqlite3* db, const char* sql,
                                                 std::string_view what);

// `sql` prepared for one use and bound by `bind`, ready to step; the error names `what`.
StoreResult<sqlite::Statement> PrepareBoundSql(sqlite3* db, const char* sql, std::string_view what,
                                               const std::function<void(sqlite::Binder&)>& bind);

// Prepares `sql`, binds with `bind` and steps it to SQLITE_DONE; the error names `what`.
StoreStatus RunAccountSql(sqlite3* db, const char* sql, std::string_view what,
                          const std::function<void(sqlite::Binder&)>& bind);

StoreResult<std::optional<Account>> FindAccountRow(sqlite3* db, const std::string& username);
StoreResult<bool> HasAdminRow(sqlite3* db);

}  // namespace costgate::central
