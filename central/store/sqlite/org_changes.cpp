// The admin's org changes (store.h, org.h): workspaces and teams; the mirrored projects and users
// are org_mirrored_changes.cpp. Each change checks what it depends on and writes its audit row
// inside one transaction, like the accounts' (account_changes.cpp). These run a few times a day,
// so their statements are prepared per use rather than kept.
#include <array>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "central/store/sqlite/account_rows.h"
#include "central/store/sqlite/budget_rows.h"
#include "central/store/sqlite/org_checks.h"
#include "central/store/sqlite/store_statements.h"
#include "central/store/sqlite/write_transaction.h"

namespace costgate::central {
namespace {

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

// Whether (workspace_id, team_id) is a place a project or user may be assigned to: "" and "" is
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

}  // namespace

StoreResult<int64_t> OrgQueryInt(sqlite3* db, const char* sql, std::string_view what,
                                 const OrgBind& bind) {
  StoreResult<sqlite::Statement> stmt = PrepareBoundSql(db, sql, what, bind);
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  const int rc = sqlite3_step(raw);
  if (rc == SQLITE_DONE) {
    return int64_t{0};
  }
  if (rc != SQLITE_ROW) {
    return StoreError{sqlite::ErrorText(db, what)};
  }
  return sqlite3_column_int64(raw, 0);
}

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

namespace {

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

}  // namespace costgate::central
