// Internal to central/store/sqlite: the checks and statement runners the org's changes share,
// between org_changes.cpp (workspaces, teams) and org_mirrored_changes.cpp (the mirrored projects
// and users). Prepared per use: these run a few times a day.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "central/store/sqlite/account_rows.h"
#include "central/store/store.h"
#include "sqlite/exec.h"
#include "sqlite/statement.h"

namespace costgate::central {

using OrgBind = std::function<void(sqlite::Binder&)>;

// The first column of the first row of `sql` as bound by `bind` (0 when no row).
StoreResult<int64_t> OrgQueryInt(sqlite3* db, const char* sql, std::string_view what,
                                 const OrgBind& bind);

// What to answer instead of the change when (workspace_id, team_id) is no place to put a team
// or project or user: "" and "" is Unassigned; else the workspace exists and the team, when
// given, exists in it (a team also needs a workspace: `needs_workspace`). Or the store failed.
// nullopt: go on with the change.
std::optional<StoreResult<OrgResult>> PlacementRefusal(sqlite3* db, const std::string& workspace_id,
                                                       const std::string& team_id,
                                                       bool needs_workspace);

// Runs `sql` bound by `bind`; kNotFound when it changed no row, else writes `audit`.
StoreResult<OrgResult> OrgChangeRow(sqlite3* db, sqlite3_stmt* insert_audit, const char* sql,
                                    std::string_view what, const OrgBind& bind,
                                    const AuditEntry& audit);

// The rows `sql` bound by `bind` selects, each as `read` makes it.
template <typename Row>
StoreResult<std::vector<Row>> OrgListRows(sqlite3* db, const char* sql, std::string_view what,
                                          const OrgBind& bind, Row (*read)(sqlite3_stmt*)) {
  StoreResult<sqlite::Statement> stmt = PrepareBoundSql(db, sql, what, bind);
  if (auto* error = std::get_if<StoreError>(&stmt)) {
    return *std::move(error);
  }
  sqlite3_stmt* raw = std::get<sqlite::Statement>(stmt).get();
  std::vector<Row> rows;
  int rc = sqlite3_step(raw);
  for (; rc == SQLITE_ROW; rc = sqlite3_step(raw)) {
    rows.push_back(read(raw));
  }
  if (rc != SQLITE_DONE) {
    return StoreError{sqlite::ErrorText(db, what)};
  }
  return rows;
}

}  // namespace costgate::central
