// API keys as rows: only the hash of a secret is stored (keys/api_key.h makes and hashes them).
#include <string_view>
#include <utility>

#include "central/store/sqlite/store_statements.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {

// Column order = ReadKey order.
const char* const kCreateKeySql =
    "INSERT INTO api_keys (id, name, source_app, hash, prefix, scopes, workspace, created_unix_ms, "
    "last_used_unix_ms, revoked_unix_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const char* const kFindKeyByHashSql =
    "SELECT id, name, source_app, hash, prefix, scopes, workspace, created_unix_ms, "
    "last_used_unix_ms, revoked_unix_ms FROM api_keys WHERE hash = ?";
const char* const kListKeysSql =
    "SELECT id, name, source_app, hash, prefix, scopes, workspace, created_unix_ms, "
    "last_used_unix_ms, revoked_unix_ms FROM api_keys ORDER BY created_unix_ms, id";
// Revoking again keeps the first time: when a key stopped working is what an audit asks.
const char* const kRevokeKeySql =
    "UPDATE api_keys SET revoked_unix_ms = coalesce(revoked_unix_ms, ?1) "
    "WHERE id = ?2 OR name = ?2";
// Never moves last use backwards: two requests may finish out of order.
const char* const kTouchKeySql =
    "UPDATE api_keys SET last_used_unix_ms = ?1 "
    "WHERE id = ?2 AND (last_used_unix_ms IS NULL OR last_used_unix_ms < ?1)";

namespace {

ApiKeyRecord ReadKey(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  ApiKeyRecord key;
  key.id = r.Text();
  key.name = r.Text();
  key.source_app = r.Text();
  key.hash = r.Text();
  key.prefix = r.Text();
  key.scopes = static_cast<uint8_t>(r.Int());
  key.workspace = r.Text();
  key.created_unix_ms = r.Int();
  key.last_used_unix_ms = r.OptionalInt();
  key.revoked_unix_ms = r.OptionalInt();
  return key;
}

// RevokeKey and TouchKey: `stmt` (kRevokeKeySql or kTouchKeySql) run with ?1 = now_unix_ms and
// ?2 = `id`; a failure is "<what><id>: <SQLite's message>".
StoreStatus StampKey(sqlite3* db, sqlite3_stmt* stmt, int64_t now_unix_ms, const std::string& id,
                     std::string_view what) {
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Int(now_unix_ms);
  b.Text(id);
  if (b.Step() != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, std::string(what) + id)};
  }
  return std::nullopt;
}

}  // namespace

StoreStatus SqliteStore::CreateKey(const ApiKeyRecord& key) {
  sqlite3_stmt* stmt = statements_->create_key;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(key.id);
  b.Text(key.name);
  b.Text(key.source_app);
  b.Text(key.hash);
  b.Text(key.prefix);
  b.Int(key.scopes);
  b.Text(key.workspace);
  b.Int(key.created_unix_ms);
  b.OptionalInt(key.last_used_unix_ms);
  b.OptionalInt(key.revoked_unix_ms);
  if (b.Step() != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "create key " + key.name)};
  }
  return std::nullopt;
}

StoreResult<std::optional<ApiKeyRecord>> SqliteStore::FindKeyByHash(const std::string& hash) {
  sqlite3_stmt* stmt = statements_->find_key_by_hash;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(hash);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return std::optional<ApiKeyRecord>();
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db_, "find key")};
  }
  return std::optional(ReadKey(stmt));
}

StoreResult<std::vector<ApiKeyRecord>> SqliteStore::ListKeys() {
  sqlite3_stmt* stmt = statements_->list_keys;
  sqlite::ResetOnExit reset(stmt);
  std::vector<ApiKeyRecord> keys;
  int rc = SQLITE_ROW;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    keys.push_back(ReadKey(stmt));
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "list keys")};
  }
  return keys;
}

StoreResult<bool> SqliteStore::RevokeKey(const std::string& id_or_name, int64_t now_unix_ms) {
  if (auto error = StampKey(db_, statements_->revoke_key, now_unix_ms, id_or_name, "revoke key ")) {
    return *std::move(error);
  }
  return sqlite3_changes64(db_) > 0;
}

StoreStatus SqliteStore::TouchKey(const std::string& id, int64_t now_unix_ms) {
  return StampKey(db_, statements_->touch_key, now_unix_ms, id, "touch key ");
}

}  // namespace costgate::central
