// People's accounts, sessions and the setup token as rows (central/store/account.h). Statements
// are prepared per call: sign-ins and account changes are rare, and a session look-up per admin
// request is cheap beside the request's own work.
#include "central/store/sqlite/account_rows.h"

#include <utility>

#include "central/store/sqlite/sqlite_store.h"
#include "sqlite/exec.h"

namespace costgate::central {
namespace {

constexpr const char* kFindAccountSql =
    "SELECT username, role, password_hash, created_unix_ms, updated_unix_ms FROM accounts "
    "WHERE username = ?";
constexpr const char* kListAccountsSql =
    "SELECT username, role, password_hash, created_unix_ms, updated_unix_ms FROM accounts "
    "ORDER BY username";
constexpr const char* kHasAdminSql = "SELECT EXISTS (SELECT 1 FROM accounts WHERE role = 'admin')";
constexpr const char* kFindSessionSql =
    "SELECT token_hash, csrf_token, username, created_unix_ms, expires_unix_ms, "
    "last_seen_unix_ms FROM sessions WHERE token_hash = ?";
constexpr const char* kInsertSessionSql =
    "INSERT INTO sessions (token_hash, csrf_token, username, created_unix_ms, expires_unix_ms, "
    "last_seen_unix_ms) VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kPurgeSessionsSql =
    "DELETE FROM sessions WHERE expires_unix_ms <= ?1 OR last_seen_unix_ms <= ?2";
// Never moves last_seen backwards: two requests may finish out of order.
constexpr const char* kTouchSessionSql =
    "UPDATE sessions SET last_seen_unix_ms = ?1 WHERE token_hash = ?2 AND last_seen_unix_ms < ?1";
constexpr const char* kDeleteSessionSql = "DELETE FROM sessions WHERE token_hash = ?";
constexpr const char* kSetSetupTokenSql =
    "INSERT OR REPLACE INTO setup_token (id, token_hash, expires_unix_ms) VALUES (1, ?, ?)";

Account ReadAccount(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  Account account;
  account.username = r.Text();
  account.role = ParseRole(r.Text()).value_or(Role::kViewer);  // an unknown role reads only
  account.password_hash = r.Text();
  account.created_unix_ms = r.Int();
  account.updated_unix_ms = r.Int();
  return account;
}

}  // namespace

StoreResult<sqlite::Statement> PrepareAccountSql(sqlite3* db, const char* sql,
                                                 std::string_view what) {
  sqlite::Statement stmt = sqlite::PrepareOnce(db, sql);
  if (!stmt) {
    return StoreError{sqlite::ErrorText(db, what)};
  }
  return stmt;
}

StoreResult<sqlite::Statement> PrepareBoundSql(sqlite3* db, const char* sql, std::string_view what,
                                               const std::function<void(sqlite::Binder&)>& bind) {
  StoreResult<sqlite::Statement> stmt = PrepareAccountSql(db, sql, what);
  if (auto* prepared = std::get_if<sqlite::Statement>(&stmt)) {
    sqlite::Binder b(prepared->get());
    bind(b);
    if (b.rc() != SQLITE_OK) {
      return StoreError{sqlite::ErrorText(db, what)};
    }
  }
  return stmt;
}

StoreStatus RunAccountSql(sqlite3* db, const char* sql, std::string_view what,
                          const std::function<void(sqlite::Binder&)>& bind) {
  StoreResult<sqlite::Statement> stmt = PrepareBoundSql(db, sql, what, bind);
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  if (sqlite3_step(std::get<sqlite::Statement>(stmt).get()) != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, what)};
  }
  return std::nullopt;
}

StoreResult<std::optional<Account>> FindAccountRow(sqlite3* db, const std::string& username) {
  StoreResult<sqlite::Statement> stmt = PrepareAccountSql(db, kFindAccountSql, "find account");
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  sqlite::Binder b(raw);
  b.Text(username);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return std::optional<Account>();
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "find account " + username)};
  }
  return std::optional(ReadAccount(raw));
}

StoreResult<bool> HasAdminRow(sqlite3* db) {
  const std::optional<int64_t> found = sqlite::QueryInt(db, kHasAdminSql);
  if (!found) {
    return StoreError{sqlite::ErrorText(db, "look for an admin account")};
  }
  return *found != 0;
}

StoreResult<std::optional<Account>> SqliteStore::FindAccount(const std::string& username) {
  return FindAccountRow(db_, username);
}

StoreResult<std::vector<Account>> SqliteStore::ListAccounts() {
  StoreResult<sqlite::Statement> stmt = PrepareAccountSql(db_, kListAccountsSql, "list accounts");
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  std::vector<Account> accounts;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    accounts.push_back(ReadAccount(raw));
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "list accounts")};
  }
  return accounts;
}

StoreResult<bool> SqliteStore::HasAdminAccount() { return HasAdminRow(db_); }

StoreStatus SqliteStore::CreateSession(const Session& session, int64_t idle_cutoff_unix_ms) {
  if (StoreStatus error =
          RunAccountSql(db_, kPurgeSessionsSql, "purge sessions", [&](sqlite::Binder& b) {
            b.Int(session.created_unix_ms);
            b.Int(idle_cutoff_unix_ms);
          })) {
    return error;
  }
  return RunAccountSql(db_, kInsertSessionSql, "create session", [&](sqlite::Binder& b) {
    b.Text(session.token_hash);
    b.Text(session.csrf_token);
    b.Text(session.username);
    b.Int(session.created_unix_ms);
    b.Int(session.expires_unix_ms);
    b.Int(session.last_seen_unix_ms);
  });
}

StoreResult<std::optional<Session>> SqliteStore::FindSession(const std::string& token_hash) {
  StoreResult<sqlite::Statement> stmt = PrepareAccountSql(db_, kFindSessionSql, "find session");
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  sqlite::Binder b(raw);
  b.Text(token_hash);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return std::optional<Session>();
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db_, "find session")};
  }
  sqlite::Reader r(raw);
  Session session;
  session.token_hash = r.Text();
  session.csrf_token = r.Text();
  session.username = r.Text();
  session.created_unix_ms = r.Int();
  session.expires_unix_ms = r.Int();
  session.last_seen_unix_ms = r.Int();
  return std::optional(std::move(session));
}

StoreStatus SqliteStore::TouchSession(const std::string& token_hash, int64_t now_unix_ms) {
  return RunAccountSql(db_, kTouchSessionSql, "touch session", [&](sqlite::Binder& b) {
    b.Int(now_unix_ms);
    b.Text(token_hash);
  });
}

StoreStatus SqliteStore::DeleteSession(const std::string& token_hash) {
  return RunAccountSql(db_, kDeleteSessionSql, "delete session",
                       [&](sqlite::Binder& b) { b.Text(token_hash); });
}

StoreStatus SqliteStore::SetSetupToken(const std::string& token_hash, int64_t expires_unix_ms) {
  return RunAccountSql(db_, kSetSetupTokenSql, "store setup token", [&](sqlite::Binder& b) {
    b.Text(token_hash);
    b.Int(expires_unix_ms);
  });
}

}  // namespace costgate::central
