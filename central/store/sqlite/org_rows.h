// Internal to central/store/sqlite: the lazy mirror of the users and projects events name.
#pragma once

#include <sqlite3.h>

#include <string>
#include <unordered_set>

#include "central/store/event.h"
#include "central/store/store.h"

namespace costgate::central {

// A row of users / projects selected as (source_app, external_id, email, full_name, workspace_id,
// team_id) / (source_app, external_id, name, workspace_id, team_id).
UserRecord ReadUserRow(sqlite3_stmt* stmt);
ProjectRecord ReadProjectRow(sqlite3_stmt* stmt);

// Inserts the users and projects stored events name when not yet known: name, email and
// workspace empty (Unassigned), the event's received time as created/updated. Known ones are left
// as they are. An empty user or project names nothing.
//
// Remembers the names it has mirrored, so a batch naming the same user a thousand times probes
// the table once: ingest would otherwise pay two index lookups per event. Sound because nothing
// deletes users or projects; whatever comes to delete them must call Forget().
class OrgMirror {
 public:
  // Statements prepared from kMirrorUserSql and kMirrorProjectSql; not owned.
  void Attach(sqlite3_stmt* mirror_user, sqlite3_stmt* mirror_project);

  // Within the caller's transaction. Returns an SQLite code (SQLITE_DONE when fine).
  int Mirror(const Event& e);
  // The caller's transaction committed: what Mirror wrote is known from now on.
  void Committed();
  // The caller's transaction rolled back: what Mirror wrote since the last commit is gone.
  void RolledBack() { pending_.clear(); }
  void Forget();

 private:
  int MirrorOne(sqlite3_stmt* stmt, char kind, const Event& e, const std::string& external_id);

  sqlite3_stmt* mirror_user_ = nullptr;
  sqlite3_stmt* mirror_project_ = nullptr;
  std::unordered_set<std::string> known_;    // kind, source_app, external_id
  std::unordered_set<std::string> pending_;  // mirrored in the open transaction
  std::string key_;                          // reused lookup buffer
};

}  // namespace costgate::central
