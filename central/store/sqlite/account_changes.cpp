// Audited changes of accounts and API keys, and the setup that creates the first admin. Each
// change and its audit row are one transaction, like the budgets' (budget_changes.cpp).
#include <string>
#include <utility>

#include "central/store/sqlite/account_rows.h"
#include "central/store/sqlite/budget_rows.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"

namespace costgate::central {
namespace {

constexpr const char* kInsertAccountSql =
    "INSERT INTO accounts (username, role, password_hash, created_unix_ms, updated_unix_ms) "
    "VALUES (?, ?, ?, ?, ?)";
constexpr const char* kUpdateAccountSql =
    "UPDATE accounts SET role = ?, password_hash = ?, updated_unix_ms = ? WHERE username = ?";
constexpr const char* kDeleteAccountSql = "DELETE FROM accounts WHERE username = ?";
constexpr const char* kDeleteUserSessionsSql = "DELETE FROM sessions WHERE username = ?";
constexpr const char* kSetupTokenValidSql =
    "SELECT EXISTS (SELECT 1 FROM setup_token WHERE token_hash = ? AND expires_unix_ms > ?)";
constexpr const char* kDeleteSetupTokenSql = "DELETE FROM setup_token";

StoreStatus InsertAccount(sqlite3* db, const Account& account) {
  return RunAccountSql(db, kInsertAccountSql, "create account", [&](sqlite::Binder& b) {
    b.Text(account.username);
    b.Text(RoleName(account.role));
    b.Text(account.password_hash);
    b.Int(account.created_unix_ms);
    b.Int(account.updated_unix_ms);
  });
}

StoreStatus DeleteUserSessions(sqlite3* db, const std::string& username) {
  return RunAccountSql(db, kDeleteUserSessionsSql, "end sessions",
                       [&](sqlite::Binder& b) { b.Text(username); });
}

StoreResult<bool> SetupTokenValid(sqlite3* db, const std::string& token_hash, int64_t now) {
  StoreResult<sqlite::Statement> stmt =
      PrepareAccountSql(db, kSetupTokenValidSql, "check setup token");
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  sqlite::Binder b(raw);
  b.Text(token_hash);
  b.Int(now);
  if (b.Step() != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "check setup token")};
  }
  return sqlite3_column_int64(raw, 0) != 0;
}

}  // namespace

StoreStatus SqliteStore::CreateKey(const ApiKeyRecord& key, const AuditEntry& audit) {
  StoreResult<bool> done = WriteTransaction<bool>(
      db_, statements_->begin, statements_->commit, "create key", [&]() -> StoreResult<bool> {
        if (StoreStatus error = CreateKey(key)) {
          return *std::move(error);
        }
        if (StoreStatus error = InsertAudit(db_, statements_->budgets.insert_audit, audit)) {
          return *std::move(error);
        }
        return true;
      });
  if (auto* error = std::get_if<StoreError>(&done)) {
    return *std::move(error);
  }
  return std::nullopt;
}

StoreResult<bool> SqliteStore::RevokeKey(const std::string& id, int64_t now_unix_ms,
                                         const AuditEntry& audit) {
  return WriteTransaction<bool>(
      db_, statements_->begin, statements_->commit, "revoke key", [&]() -> StoreResult<bool> {
        StoreResult<bool> revoked = RevokeKey(id, now_unix_ms);
        if (const bool* found = std::get_if<bool>(&revoked); found && *found) {
          if (StoreStatus error = InsertAudit(db_, statements_->budgets.insert_audit, audit)) {
            return *std::move(error);
          }
        }
        return revoked;
      });
}

StoreResult<AccountChange> SqliteStore::CreateAccount(const Account& account,
                                                      const AuditEntry& audit) {
  return WriteTransaction<AccountChange>(
      db_, statements_->begin, statements_->commit, "create account",
      [&]() -> StoreResult<AccountChange> {
        StoreResult<std::optional<Account>> found = FindAccountRow(db_, account.username);
        if (auto* error = std::get_if<StoreError>(&found)) {
          return *std::move(error);
        }
        if (std::get<std::optional<Account>>(found)) {
          return AccountChange::kNameTaken;
        }
        if (StoreStatus error = InsertAccount(db_, account)) {
          return *std::move(error);
        }
        if (StoreStatus error = InsertAudit(db_, statements_->budgets.insert_audit, audit)) {
          return *std::move(error);
        }
        return AccountChange::kDone;
      });
}

StoreResult<AccountChange> SqliteStore::UpdateAccount(const Account& account, bool end_sessions,
                                                      const AuditEntry& audit) {
  return WriteTransaction<AccountChange>(
      db_, statements_->begin, statements_->commit, "update account",
      [&]() -> StoreResult<AccountChange> {
        if (StoreStatus error =
                RunAccountSql(db_, kUpdateAccountSql, "update account", [&](sqlite::Binder& b) {
                  b.Text(RoleName(account.role));
                  b.Text(account.password_hash);
                  b.Int(account.updated_unix_ms);
                  b.Text(account.username);
                })) {
          return *std::move(error);
        }
        if (sqlite3_changes64(db_) == 0) {
          return AccountChange::kNotFound;
        }
        if (end_sessions) {
          if (StoreStatus error = DeleteUserSessions(db_, account.username)) {
            return *std::move(error);
          }
        }
        if (StoreStatus error = InsertAudit(db_, statements_->budgets.insert_audit, audit)) {
          return *std::move(error);
        }
        return AccountChange::kDone;
      });
}

StoreResult<AccountChange> SqliteStore::DeleteAccount(const std::string& username,
                                                      const AuditEntry& audit) {
  return WriteTransaction<AccountChange>(
      db_, statements_->begin, statements_->commit, "delete account",
      [&]() -> StoreResult<AccountChange> {
        if (StoreStatus error = RunAccountSql(db_, kDeleteAccountSql, "delete account",
                                              [&](sqlite::Binder& b) { b.Text(username); })) {
          return *std::move(error);
        }
        if (sqlite3_changes64(db_) == 0) {
          return AccountChange::kNotFound;
        }
        if (StoreStatus error = DeleteUserSessions(db_, username)) {
          return *std::move(error);
        }
        if (StoreStatus error = InsertAudit(db_, statements_->budgets.insert_audit, audit)) {
          return *std::move(error);
        }
        return AccountChange::kDone;
      });
}

StoreResult<SetupOutcome> SqliteStore::CompleteSetup(const std::string& token_hash,
                                                     int64_t now_unix_ms, const Account& admin,
                                                     const AuditEntry& audit) {
  return WriteTransaction<SetupOutcome>(
      db_, statements_->begin, statements_->commit, "setup", [&]() -> StoreResult<SetupOutcome> {
        StoreResult<bool> has_admin = HasAdminRow(db_);
        if (auto* error = std::get_if<StoreError>(&has_admin)) {
          return *std::move(error);
        }
        if (std::get<bool>(has_admin)) {
          return SetupOutcome::kAdminExists;
        }
        StoreResult<bool> valid = SetupTokenValid(db_, token_hash, now_unix_ms);
        if (auto* error = std::get_if<StoreError>(&valid)) {
          return *std::move(error);
        }
        if (!std::get<bool>(valid)) {
          return SetupOutcome::kInvalidToken;
        }
        // A viewer of the same name may exist (made by the CLI): the token stays unspent.
        StoreResult<std::optional<Account>> found = FindAccountRow(db_, admin.username);
        if (auto* error = std::get_if<StoreError>(&found)) {
          return *std::move(error);
        }
        if (std::get<std::optional<Account>>(found)) {
          return SetupOutcome::kNameTaken;
        }
        if (StoreStatus error = InsertAccount(db_, admin)) {
          return *std::move(error);
        }
        if (StoreStatus error = RunAccountSql(db_, kDeleteSetupTokenSql, "spend setup token",
                                              [](sqlite::Binder&) {})) {
          return *std::move(error);
        }
        if (StoreStatus error = InsertAudit(db_, statements_->budgets.insert_audit, audit)) {
          return *std::move(error);
        }
        return SetupOutcome::kDone;
      });
}

}  // namespace costgate::central
