#include "central/store/sqlite/store_statements.h"

#include <array>
#include <utility>

#include "central/store/sqlite/event_rows.h"
#include "sqlite/exec.h"

namespace costgate::central {

SqliteStore::Statements::~Statements() {
  for (sqlite3_stmt* stmt :
       {begin, commit, ping, insert_event, find_event, count_events, mirror_user, mirror_project,
        upsert_user, upsert_project, find_user, find_project, create_key, find_key_by_hash,
        list_keys, revoke_key, touch_key}) {
    sqlite3_finalize(stmt);
  }
}

StoreStatus SqliteStore::Statements::PrepareAll(sqlite3* db) {
  const std::array<std::pair<sqlite3_stmt**, const char*>, 17> all = {{
      {&begin, "BEGIN IMMEDIATE"},
      {&commit, "COMMIT"},
      // Reads the events table, not just the connection: a store whose events cannot be read is
      // down for /v1/health.
      {&ping, "SELECT EXISTS (SELECT 1 FROM events)"},
      {&insert_event, InsertEventSql().c_str()},
      {&find_event, SelectEventSql().c_str()},
      {&count_events, "SELECT COUNT(*) FROM events"},
      {&mirror_user, kMirrorUserSql},
      {&mirror_project, kMirrorProjectSql},
      {&upsert_user, kUpsertUserSql},
      {&upsert_project, kUpsertProjectSql},
      {&find_user, kFindUserSql},
      {&find_project, kFindProjectSql},
      {&create_key, kCreateKeySql},
      {&find_key_by_hash, kFindKeyByHashSql},
      {&list_keys, kListKeysSql},
      {&revoke_key, kRevokeKeySql},
      {&touch_key, kTouchKeySql},
  }};
  for (const auto& [stmt, sql] : all) {
    if (auto error = sqlite::Prepare(db, sql, stmt)) {
      return StoreError{*std::move(error)};
    }
  }
  mirror.Attach(mirror_user, mirror_project);
  if (StoreStatus error = budgets.PrepareAll(db)) {
    return error;
  }
  if (StoreStatus error = ledger.PrepareAll(db)) {
    return error;
  }
  if (StoreStatus error = alerts.PrepareAll(db)) {
    return error;
  }
  return rollups.PrepareAll(db);
}

}  // namespace costgate::central
