#include "central/store/store_statements.h"

#include <array>
#include <utility>

#include "central/store/event_rows.h"
#include "central/store/sqlite_util.h"

namespace costgate::central {

SqliteStore::Statements::~Statements() {
  for (sqlite3_stmt* stmt :
       {begin, commit, rollback, ping, insert_event, find_event, count_events, mirror_user,
        mirror_project, upsert_user, upsert_project, find_user, find_project, create_key,
        find_key_by_hash, list_keys, revoke_key, touch_key}) {
    sqlite3_finalize(stmt);
  }
}

StoreStatus SqliteStore::Statements::PrepareAll(sqlite3* db) {
  const std::array<std::pair<sqlite3_stmt**, const char*>, 18> all = {{
      {&begin, "BEGIN IMMEDIATE"},
      {&commit, "COMMIT"},
      {&rollback, "ROLLBACK"},
      // Reads the events table, not just the connection: a store whose events cannot be read is
      // down for /v1/health.
      {&ping, "SELECT EXISTS (SELECT 1 FROM events)"},
      {&insert_event, sqlite::InsertEventSql().c_str()},
      {&find_event, sqlite::SelectEventSql().c_str()},
      {&count_events, "SELECT COUNT(*) FROM events"},
      {&mirror_user, sqlite::kMirrorUserSql},
      {&mirror_project, sqlite::kMirrorProjectSql},
      {&upsert_user, sqlite::kUpsertUserSql},
      {&upsert_project, sqlite::kUpsertProjectSql},
      {&find_user, sqlite::kFindUserSql},
      {&find_project, sqlite::kFindProjectSql},
      {&create_key, sqlite::kCreateKeySql},
      {&find_key_by_hash, sqlite::kFindKeyByHashSql},
      {&list_keys, sqlite::kListKeysSql},
      {&revoke_key, sqlite::kRevokeKeySql},
      {&touch_key, sqlite::kTouchKeySql},
  }};
  for (const auto& [stmt, sql] : all) {
    if (auto error = sqlite::Prepare(db, sql, stmt)) {
      return error;
    }
  }
  mirror.Attach(mirror_user, mirror_project);
  return std::nullopt;
}

}  // namespace costgate::central
