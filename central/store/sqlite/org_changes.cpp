// The admin's org changes (store.h, org.h): workspaces and teams, and the assignment and editing
// of the mirrored projects and users. Each change checks what it depends on and writes its audit
// row inside one transaction, like the accounts' (account_changes.cpp). These run a few times a
// day, so their statements are prepared per use rather than kept.
#include <array>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "central/store/sqlite/account_rows.h"
#include "central/store/sqlite/budget_rows.h"
#include "central/store/sqlite/org_rows.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"

namespace costgate::central {
namespace {

using OrgBind = std::function<void(sqlite::Binder&)>;

// The first column of the first row of `sql` as bound by `bind` (0 when no row).
StoreResult<int64_t> OrgQueryInt(sqlite3* db, const char* sql, std::string_view what,
                                 const OrgBind& bind) {
  StoreResult<sqlite::Statement> stmt = PrepareAccountSql(db, sql, what);
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  sqlite::Binder b(raw);
  bind(b);
  const int rc = b.Step();
  if (rc == SQLITE_DONE) {
    return int64_t{0};
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, what)};
  }
  return sqlite3_column_int64(raw, 0);
}

StoreResult<bool> OrgExists(sqlite3* db, const char* sql, std::string_view what,
                            const std::string& id) {
  StoreResult<int64_t> found = OrgQueryInt(db, sql, what, [&](sqlite::Binder& b) { b.Text(id); });
  if (auto* error = std::get_if<StoreError>(&found)) {
    return *std::move(error);
  }
  return std::get<int64_t>(found) != 0;
}

constexpr const char* kWorkspaceExistsSql = "SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = ?)";
constexpr const char* kTeamWorkspaceSql =
    "SELECT EXISTS (SELECT 1 FROM teams WHERE id = ?1), "
    "(SELECT workspace_id FROM teams WHERE id = ?1)";

// Whether (workspace_id, team_id) is a place a project may be assigned to: "" and "" is
// Unassigned; else the workspace exists and the team, when given, exists in it.
StoreResult<OrgOutcome> CheckPlacement(sqlite3* db, const std::string& workspace_id,
                                       const std::string& team_id) {
  if (workspace_id.empty()) {
    return team_id.empty() ? OrgOutcome::kDone : OrgOutcome::kNoWorkspace;
  }
  StoreResult<bool> workspace = OrgExists(db, kWorkspaceExistsSql, "find workspace", workspace_id);
  if (auto* error = std::get_if<StoreError>(&workspace)) {
    return *std::move(error);
  }
  if (!std::get<bool>(workspace)) {
    return OrgOutcome::kNoWorkspace;
  }
  if (team_id.empty()) {
    return OrgOutcome::kDone;
  }
  StoreResult<sqlite::Statement> stmt = PrepareAccountSql(db, kTeamWorkspaceSql, "find team");
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  sqlite::Binder b(raw);
  b.Text(team_id);
  if (b.Step() != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, "find team")};
  }
  if (sqlite3_column_int64(raw, 0) == 0) {
    return OrgOutcome::kNoTeam;
  }
  sqlite::Reader r(raw);
  r.Int();
  return r.Text() == workspace_id ? OrgOutcome::kDone : OrgOutcome::kTeamElsewhere;
}

// What to answer instead of the change when (workspace_id, team_id) is no place to put a team
// or project (CheckPlacement; a team also needs a workspace), or the store failed; nullopt: go
// on with the change.
std::optional<StoreResult<OrgResult>> PlacementRefusal(sqlite3* db, const std::string& workspace_id,
                                                       const std::string& team_id,
                                                       bool needs_workspace) {
  if (needs_workspace && workspace_id.empty()) {
    return StoreResult<OrgResult>{OrgResult{OrgOutcome::kNoWorkspace}};
  }
  StoreResult<OrgOutcome> place = CheckPlacement(db, workspace_id, team_id);
  if (auto* error = std::get_if<StoreError>(&place)) {
    return StoreResult<OrgResult>{*std::move(error)};
  }
  if (std::get<OrgOutcome>(place) != OrgOutcome::kDone) {
    return StoreResult<OrgResult>{OrgResult{std::get<OrgOutcome>(place)}};
  }
  return std::nullopt;
}

// Runs `sql` bound by `bind`; kNotFound when it changed no row, else writes `audit`.
StoreResult<OrgResult> OrgChangeRow(sqlite3* db, sqlite3_stmt* insert_audit, const char* sql,
                                    std::string_view what, const OrgBind& bind,
                                    const AuditEntry& audit) {
  if (StoreStatus error = RunAccountSql(db, sql, what, bind)) {
    return *std::move(error);
  }
  if (sqlite3_changes(db) == 0) {
    return OrgResult{OrgOutcome::kNotFound};
  }
  if (StoreStatus error = InsertAudit(db, insert_audit, audit)) {
    return *std::move(error);
  }
  return OrgResult{};
}

// A create that is kIdTaken when `exists_sql` finds the id.
StoreResult<OrgResult> OrgCreateRow(sqlite3* db, sqlite3_stmt* insert_audit, const char* exists_sql,
                                    const std::string& id, const char* sql, std::string_view what,
                                    const OrgBind& bind, const AuditEntry& audit) {
  StoreResult<bool> taken = OrgExists(db, exists_sql, what, id);
  if (auto* error = std::get_if<StoreError>(&taken)) {
    return *std::move(error);
  }
  if (std::get<bool>(taken)) {
    return OrgResult{OrgOutcome::kIdTaken};
  }
  return OrgChangeRow(db, insert_audit, sql, what, bind, audit);
}

template <typename Row>
StoreResult<std::vector<Row>> OrgListRows(sqlite3* db, const char* sql, std::string_view what,
                                          const OrgBind& bind, Row (*read)(sqlite3_stmt*)) {
  StoreResult<sqlite::Statement> stmt = PrepareAccountSql(db, sql, what);
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  sqlite::Binder b(raw);
  bind(b);
  std::vector<Row> rows;
  int rc = b.Step();
  for (; rc == SQLITE_ROW; rc = sqlite3_step(raw)) {
    rows.push_back(read(raw));
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, what)};
  }
  return rows;
}

Workspace OrgReadWorkspace(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  Workspace w;
  w.id = r.Text();
  w.name = r.Text();
  return w;
}

Team OrgReadTeam(sqlite3_stmt* stmt) {
  sqlite::Reader r(stmt);
  Team t;
  t.id = r.Text();
  t.workspace_id = r.Text();
  t.name = r.Text();
  return t;
}

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

// What keeps a workspace or team from being deleted: a row that `exists` finds by its id.
struct OrgHolder {
  const char* exists;
  OrgOutcome outcome;
};

constexpr std::array<OrgHolder, 3> kWorkspaceHolders{{
    {"SELECT EXISTS (SELECT 1 FROM teams WHERE workspace_id = ?)", OrgOutcome::kHasTeams},
    {"SELECT EXISTS (SELECT 1 FROM projects WHERE workspace_id = ?)", OrgOutcome::kHasProjects},
    {"SELECT EXISTS (SELECT 1 FROM users WHERE workspace_id = ?)", OrgOutcome::kHasUsers},
}};
constexpr std::array<OrgHolder, 2> kTeamHolders{{
    {"SELECT EXISTS (SELECT 1 FROM projects WHERE team_id = ?)", OrgOutcome::kHasProjects},
    {"SELECT EXISTS (SELECT 1 FROM users WHERE team_id = ?)", OrgOutcome::kHasUsers},
}};

// What to answer instead of deleting `id` while any of `holders` still belongs to it (or the
// store failed); nullopt: go on with the delete.
std::optional<StoreResult<OrgResult>> StillHeld(sqlite3* db, std::span<const OrgHolder> holders,
                                                const std::string& id, std::string_view what) {
  for (const OrgHolder& holder : holders) {
    StoreResult<bool> used = OrgExists(db, holder.exists, what, id);
    if (auto* error = std::get_if<StoreError>(&used)) {
      return StoreResult<OrgResult>{*std::move(error)};
    }
    if (std::get<bool>(used)) {
      return StoreResult<OrgResult>{OrgResult{holder.outcome}};
    }
  }
  return std::nullopt;
}

}  // namespace

StoreResult<std::vector<Workspace>> SqliteStore::ListWorkspaces() {
  return OrgListRows<Workspace>(
      db_, "SELECT id, name FROM workspaces ORDER BY id", "list workspaces", [](sqlite::Binder&) {},
      OrgReadWorkspace);
}

StoreResult<std::vector<Team>> SqliteStore::ListTeams() {
  return OrgListRows<Team>(
      db_, "SELECT id, workspace_id, name FROM teams ORDER BY workspace_id, id", "list teams",
      [](sqlite::Binder&) {}, OrgReadTeam);
}

StoreResult<OrgResult> SqliteStore::CreateWorkspace(const Workspace& workspace,
                                                    const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "create workspace", [&] {
        return OrgCreateRow(
            db_, statements_->budgets.insert_audit, kWorkspaceExistsSql, workspace.id,
            "INSERT INTO workspaces (id, name) VALUES (?, ?)", "create workspace",
            [&](sqlite::Binder& b) {
              b.Text(workspace.id);
              b.Text(workspace.name);
            },
            audit);
      });
}

StoreResult<OrgResult> SqliteStore::RenameWorkspace(const Workspace& workspace,
                                                    const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "rename workspace", [&] {
        return OrgChangeRow(
            db_, statements_->budgets.insert_audit, "UPDATE workspaces SET name = ? WHERE id = ?",
            "rename workspace",
            [&](sqlite::Binder& b) {
              b.Text(workspace.name);
              b.Text(workspace.id);
            },
            audit);
      });
}

StoreResult<OrgResult> SqliteStore::DeleteWorkspace(const std::string& id,
                                                    const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "delete workspace",
      [&]() -> StoreResult<OrgResult> {
        if (auto used = StillHeld(db_, kWorkspaceHolders, id, "delete workspace")) {
          return *std::move(used);
        }
        return OrgChangeRow(
            db_, statements_->budgets.insert_audit, "DELETE FROM workspaces WHERE id = ?",
            "delete workspace", [&](sqlite::Binder& b) { b.Text(id); }, audit);
      });
}

StoreResult<OrgResult> SqliteStore::CreateTeam(const Team& team, const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "create team", [&]() -> StoreResult<OrgResult> {
        if (auto refused = PlacementRefusal(db_, team.workspace_id, "", /*needs_workspace=*/true)) {
          return *std::move(refused);
        }
        return OrgCreateRow(
            db_, statements_->budgets.insert_audit,
            "SELECT EXISTS (SELECT 1 FROM teams WHERE id = ?)", team.id,
            "INSERT INTO teams (id, workspace_id, name) VALUES (?, ?, ?)", "create team",
            [&](sqlite::Binder& b) {
              b.Text(team.id);
              b.Text(team.workspace_id);
              b.Text(team.name);
            },
            audit);
      });
}

StoreResult<OrgResult> SqliteStore::UpdateTeam(const Team& team, const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "update team", [&]() -> StoreResult<OrgResult> {
        if (auto refused = PlacementRefusal(db_, team.workspace_id, "", /*needs_workspace=*/true)) {
          return *std::move(refused);
        }
        StoreResult<OrgResult> changed = OrgChangeRow(
            db_, statements_->budgets.insert_audit,
            "UPDATE teams SET workspace_id = ?, name = ? WHERE id = ?", "update team",
            [&](sqlite::Binder& b) {
              b.Text(team.workspace_id);
              b.Text(team.name);
              b.Text(team.id);
            },
            audit);
        if (auto* done = std::get_if<OrgResult>(&changed);
            done && done->outcome == OrgOutcome::kDone) {
          // A team lives in one workspace: its projects and users move with it.
          for (const char* sql : {"UPDATE projects SET workspace_id = ? WHERE team_id = ?",
                                  "UPDATE users SET workspace_id = ? WHERE team_id = ?"}) {
            if (StoreStatus error = RunAccountSql(db_, sql, "update team", [&](sqlite::Binder& b) {
                  b.Text(team.workspace_id);
                  b.Text(team.id);
                })) {
              return *std::move(error);
            }
          }
        }
        return changed;
      });
}

StoreResult<OrgResult> SqliteStore::DeleteTeam(const std::string& id, const AuditEntry& audit) {
  return WriteTransaction<OrgResult>(
      db_, statements_->begin, statements_->commit, "delete team", [&]() -> StoreResult<OrgResult> {
        if (auto used = StillHeld(db_, kTeamHolders, id, "delete team")) {
          return *std::move(used);
        }
        return OrgChangeRow(
            db_, statements_->budgets.insert_audit, "DELETE FROM teams WHERE id = ?", "delete team",
            [&](sqlite::Binder& b) { b.Text(id); }, audit);
      });
}

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
