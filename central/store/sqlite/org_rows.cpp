// Users and projects: the apps' records mirrored into central.
//
// Upserts update every field they give and keep the known value of a field given empty: V1
// integrations send full records, so an empty field is "not known to this caller" (a mirror made
// from an event, an app that does not collect emails) rather than "erase it". Once known, a
// project's workspace can be changed but not unset by an upsert; assignment back to Unassigned is
// an admin action. A user's workspace and team are an admin's alone: the mirror and the upserts
// leave them to the column's default, '' (Unassigned).
#include "central/store/sqlite/org_rows.h"

#include <string_view>

#include "central/store/sqlite/store_statements.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {

const char* const kMirrorUserSql =
    "INSERT OR IGNORE INTO users (source_app, external_id, email, full_name, created_unix_ms, "
    "updated_unix_ms) VALUES (?1, ?2, '', '', ?3, ?3)";

const char* const kMirrorProjectSql =
    "INSERT OR IGNORE INTO projects (source_app, external_id, name, workspace_id, team_id, "
    "created_unix_ms, updated_unix_ms) VALUES (?1, ?2, '', '', '', ?3, ?3)";

const char* const kUpsertUserSql =
    "INSERT INTO users (source_app, external_id, email, full_name, created_unix_ms, "
    "updated_unix_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
    "ON CONFLICT(source_app, external_id) DO UPDATE SET "
    "email = iif(excluded.email = '', email, excluded.email), "
    "full_name = iif(excluded.full_name = '', full_name, excluded.full_name), "
    "updated_unix_ms = excluded.updated_unix_ms";

const char* const kUpsertProjectSql =
    "INSERT INTO projects (source_app, external_id, name, workspace_id, team_id, "
    "created_unix_ms, updated_unix_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) "
    "ON CONFLICT(source_app, external_id) DO UPDATE SET "
    "name = iif(excluded.name = '', name, excluded.name), "
    "workspace_id = iif(excluded.workspace_id = '', workspace_id, excluded.workspace_id), "
    "team_id = iif(excluded.team_id = '', team_id, excluded.team_id), "
    "updated_unix_ms = excluded.updated_unix_ms";

const char* const kFindUserSql =
    "SELECT source_app, external_id, email, full_name, workspace_id, team_id FROM users "
    "WHERE source_app = ?1 AND external_id = ?2";

const char* const kFindProjectSql =
    "SELECT source_app, external_id, name, workspace_id, team_id FROM projects "
    "WHERE source_app = ?1 AND external_id = ?2";

namespace {

// Beyond this many names the set is dropped and refilled: a bound on memory, not on correctness
// (a forgotten name costs one INSERT OR IGNORE that finds it).
constexpr size_t kMaxKnown = 100'000;

// The row of (source_app, external_id) that `stmt` (kFindUserSql or kFindProjectSql) finds, as
// `read` makes it; a failure is "<what><external_id>: <SQLite's message>".
template <typename Record>
StoreResult<std::optional<Record>> FindOrgRow(sqlite3* db, sqlite3_stmt* stmt,
                                              const std::string& source_app,
                                              const std::string& external_id, std::string_view what,
                                              Record (*read)(sqlite3_stmt*)) {
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(source_app);
  b.Text(external_id);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return std::optional<Record>();
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, std::string(what) + external_id)};
  }
  return std::optional(read(stmt));
}

}  // namespace

UserRecord ReadUserRow(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  UserRecord user;
  user.source_app = r.Text();
  user.external_id = r.Text();
  user.email = r.Text();
  user.full_name = r.Text();
  user.workspace_id = r.Text();
  user.team_id = r.Text();
  return user;
}

ProjectRecord ReadProjectRow(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  ProjectRecord project;
  project.source_app = r.Text();
  project.external_id = r.Text();
  project.name = r.Text();
  project.workspace_id = r.Text();
  project.team_id = r.Text();
  return project;
}

void OrgMirror::Attach(sqlite3_stmt* mirror_user, sqlite3_stmt* mirror_project) {
  mirror_user_ = mirror_user;
  mirror_project_ = mirror_project;
}

int OrgMirror::MirrorOne(sqlite3_stmt* stmt, char kind, const Event& e,
                         const std::string& external_id) {
  key_.assign(1, kind);
  key_.append(e.source_app).append(1, '\0').append(external_id);
  if (known_.contains(key_) || pending_.contains(key_)) {
    return SQLITE_DONE;
  }
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(e.source_app);
  b.Text(external_id);
  b.Int(e.received_unix_ms);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    pending_.insert(key_);
  }
  return rc;
}

int OrgMirror::Mirror(const Event& e) {
  if (!e.user.empty()) {
    if (const int rc = MirrorOne(mirror_user_, 'u', e, e.user); rc != SQLITE_DONE) {
      return rc;
    }
  }
  if (!e.project.empty()) {
    return MirrorOne(mirror_project_, 'p', e, e.project);
  }
  return SQLITE_DONE;
}

void OrgMirror::Committed() {
  if (known_.size() + pending_.size() > kMaxKnown) {
    known_.clear();
  }
  known_.merge(pending_);
  pending_.clear();
}

void OrgMirror::Forget() {
  known_.clear();
  pending_.clear();
}

StoreStatus SqliteStore::UpsertUser(const UserRecord& user, int64_t now_unix_ms) {
  sqlite3_stmt* stmt = statements_->upsert_user;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(user.source_app);
  b.Text(user.external_id);
  b.Text(user.email);
  b.Text(user.full_name);
  b.Int(now_unix_ms);
  if (b.Step() != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "upsert user " + user.external_id)};
  }
  return std::nullopt;
}

StoreStatus SqliteStore::UpsertProject(const ProjectRecord& project, int64_t now_unix_ms) {
  sqlite3_stmt* stmt = statements_->upsert_project;
  sqlite::ResetOnExit reset(stmt);
  sqlite::Binder b(stmt);
  b.Text(project.source_app);
  b.Text(project.external_id);
  b.Text(project.name);
  b.Text(project.workspace_id);
  b.Text(project.team_id);
  b.Int(now_unix_ms);
  if (b.Step() != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db_, "upsert project " + project.external_id)};
  }
  return std::nullopt;
}

StoreResult<std::optional<UserRecord>> SqliteStore::FindUser(const std::string& source_app,
                                                             const std::string& external_id) {
  return FindOrgRow(db_, statements_->find_user, source_app, external_id, "find user ",
                    ReadUserRow);
}

StoreResult<std::optional<ProjectRecord>> SqliteStore::FindProject(const std::string& source_app,
                                                                   const std::string& external_id) {
  return FindOrgRow(db_, statements_->find_project, source_app, external_id, "find project ",
                    ReadProjectRow);
}

}  // namespace costgate::central
