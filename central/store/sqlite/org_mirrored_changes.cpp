// The admin's changes to the projects and users central mirrors from events (store.h, org.h):
// their lists, edits and bulk assignment. Each change checks the place it puts a row
// (PlacementRefusal) and writes its audit row inside one transaction, like org_changes.cpp.
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "central/store/sqlite/account_rows.h"
#include "central/store/sqlite/budget_rows.h"
#include "central/store/sqlite/org_checks.h"
#include "central/store/sqlite/org_rows.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"

namespace costgate::central {
namespace {

// Binds the keyset (?1 set?, ?2 source_app, ?3 external_id) and the limit (?4). The binder keeps
// pointers to the text, not copies: every string bound lives in `page` (or is a literal).
void BindOrgPage(sqlite::Binder& b, const OrgPage& page) {
  b.Int(page.after ? 1 : 0);
  b.Text(page.after ? std::string_view(page.after->source_app) : std::string_view());
  b.Text(page.after ? std::string_view(page.after->external_id) : std::string_view());
  b.Int(page.limit);
}

constexpr const char* kListProjectsSql =
    "SELECT source_app, external_id, name, workspace_id, team_id FROM projects "
    "WHERE (?1 = 0 OR (source_app, external_id) > (?2, ?3)) "
    "AND (?5 = 0 OR workspace_id = '') AND (?6 = 0 OR workspace_id = ?7) "
    "ORDER BY source_app, external_id LIMIT ?4";
// instr, not LIKE: a search for "50%" or "a_b" means those characters.
constexpr const char* kListUsersSql =
    "SELECT source_app, external_id, email, full_name, workspace_id, team_id FROM users "
    "WHERE (?1 = 0 OR (source_app, external_id) > (?2, ?3)) "
    "AND (?5 = 0 OR workspace_id = '') AND (?6 = 0 OR workspace_id = ?7) "
    "AND (?8 = '' OR instr(lower(external_id), lower(?8)) > 0 "
    "OR instr(lower(email), lower(?8)) > 0 OR instr(lower(full_name), lower(?8)) > 0) "
    "ORDER BY source_app, external_id LIMIT ?4";

// Binds the filters after the page (?5 unassigned only, ?6 workspace given?, ?7 workspace).
void BindOrgPlaceFilter(sqlite::Binder& b, const OrgPage& page) {
  b.Int(page.unassigned_only ? 1 : 0);
  b.Int(page.workspace ? 1 : 0);
  b.Text(page.workspace ? std::string_view(*page.workspace) : std::string_view());
}

// The statements that bulk-assign one kind of mirrored row: whether a row exists, and setting
// its place (bound workspace_id, team_id, updated_unix_ms, source_app, external_id).
struct MirroredPlaceSql {
  const char* exists;
  const char* set_place;
};

constexpr MirroredPlaceSql kProjectPlaceSql{
    "SELECT EXISTS (SELECT 1 FROM projects WHERE source_app = ? AND external_id = ?)",
    "UPDATE projects SET workspace_id = ?, team_id = ?, updated_unix_ms = ? "
    "WHERE source_app = ? AND external_id = ?"};
constexpr MirroredPlaceSql kUserPlaceSql{
    "SELECT EXISTS (SELECT 1 FROM users WHERE source_app = ? AND external_id = ?)",
    "UPDATE users SET workspace_id = ?, team_id = ?, updated_unix_ms = ? "
    "WHERE source_app = ? AND external_id = ?"};

// AssignProjects and AssignUsers, inside the caller's transaction: the place is checked and every
// row looked up before any is changed (all or none), then the rows move and `audit` is written.
StoreResult<OrgResult> AssignMirrored(sqlite3* db, sqlite3_stmt* insert_audit,
                                      const MirroredPlaceSql& sql, std::string_view what,
                                      std::span<const ProjectKey> keys,
                                      const std::string& workspace_id, const std::string& team_id,
                                      const AuditEntry& audit) {
  if (auto refused = PlacementRefusal(db, workspace_id, team_id, /*needs_workspace=*/false)) {
    return *std::move(refused);
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    StoreResult<int64_t> found = OrgQueryInt(db, sql.exists, what, [&](sqlite::Binder& b) {
      b.Text(keys[i].source_app);
      b.Text(keys[i].external_id);
    });
    if (auto* error = std::get_if<StoreError>(&found)) {
      return *std::move(error);
    }
    if (std::get<int64_t>(found) == 0) {
      return OrgResult{OrgOutcome::kNotFound, i};
    }
  }
  for (const ProjectKey& key : keys) {
    if (StoreStatus error = RunAccountSql(db, sql.set_place, what, [&](sqlite::Binder& b) {
          b.Text(workspace_id);
          b.Text(team_id);
          b.Int(audit.at_unix_ms);
          b.Text(key.source_app);
          b.Text(key.external_id);
        })) {
      return *std::move(error);
    }
  }
  if (StoreStatus error = InsertAudit(db, insert_audit, audit)) {
    return *std::move(error);
  }
  return OrgResult{};
}

}  // namespace

StoreResult<std::vector<ProjectRecord>> SqliteStore::ListProjects(const OrgPage& page) {
  return OrgListRows<ProjectRecord>(
      db_, kListProjectsSql, "list projects",
      [&](sqlite::Binder& b) {
        BindOrgPage(b, page);
        BindOrgPlaceFilter(b, page);
      },
      ReadProjectRow);
}

StoreResult<OrgResult> SqliteStore::UpdateProject(const ProjectRecord& project,
                                                  const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "update project",
      [&]() -> StoreResult<OrgResult> {
        if (auto refused = PlacementRefusal(db_, project.workspace_id, project.team_id,
                                            /*needs_workspace=*/false)) {
          return *std::move(refused);
        }
        return OrgChangeRow(
            db_, statements_->budgets.insert_audit,
            "UPDATE projects SET name = ?, workspace_id = ?, team_id = ?, updated_unix_ms = ? "
            "WHERE source_app = ? AND external_id = ?",
            "update project",
            [&](sqlite::Binder& b) {
              b.Text(project.name);
              b.Text(project.workspace_id);
              b.Text(project.team_id);
              b.Int(audit.at_unix_ms);
              b.Text(project.source_app);
              b.Text(project.external_id);
            },
            audit);
      });
}

StoreResult<OrgResult> SqliteStore::AssignProjects(std::span<const ProjectKey> projects,
                                                   const std::string& workspace_id,
                                                   const std::string& team_id,
                                                   const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "assign projects", [&] {
        return AssignMirrored(db_, statements_->budgets.insert_audit, kProjectPlaceSql,
                              "assign projects", projects, workspace_id, team_id, audit);
      });
}

StoreResult<OrgResult> SqliteStore::AssignUsers(std::span<const ProjectKey> users,
                                                const std::string& workspace_id,
                                                const std::string& team_id,
                                                const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "assign users", [&] {
        return AssignMirrored(db_, statements_->budgets.insert_audit, kUserPlaceSql, "assign users",
                              users, workspace_id, team_id, audit);
      });
}

StoreResult<std::vector<UserRecord>> SqliteStore::ListUsers(const OrgPage& page) {
  return OrgListRows<UserRecord>(
      db_, kListUsersSql, "list users",
      [&](sqlite::Binder& b) {
        BindOrgPage(b, page);
        BindOrgPlaceFilter(b, page);
        b.Text(page.search);
      },
      ReadUserRow);
}

StoreResult<OrgResult> SqliteStore::UpdateUser(const UserRecord& user, int64_t now_unix_ms,
                                               const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "update user", [&] {
        return OrgChangeRow(
            db_, statements_->budgets.insert_audit,
            "UPDATE users SET email = ?, full_name = ?, updated_unix_ms = ? "
            "WHERE source_app = ? AND external_id = ?",
            "update user",
            [&](sqlite::Binder& b) {
              b.Text(user.email);
              b.Text(user.full_name);
              b.Int(now_unix_ms);
              b.Text(user.source_app);
              b.Text(user.external_id);
            },
            audit);
      });
}

}  // namespace costgate::central
