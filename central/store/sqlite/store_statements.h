// Internal to central/store/sqlite: the prepared statements a SqliteStore reuses for its lifetime,
// and the SQL of the org and key tables (the event SQL is in event_rows.h).
#pragma once

#include <sqlite3.h>

#include "central/store/sqlite/alert_rows.h"
#include "central/store/sqlite/budget_rows.h"
#include "central/store/sqlite/ledger_rows.h"
#include "central/store/sqlite/org_rows.h"
#include "central/store/sqlite/rollup_rows.h"
#include "central/store/sqlite/sqlite_store.h"

namespace costgate::central {

struct SqliteStore::Statements {
  Statements() = default;
  Statements(const Statements&) = delete;
  Statements& operator=(const Statements&) = delete;
  ~Statements();

  // Prepares every statement and attaches the mirror; on failure the ones prepared are finalized by
  // the destructor.
  StoreStatus PrepareAll(sqlite3* db);

  sqlite3_stmt* begin = nullptr;  // BEGIN IMMEDIATE: take the write lock before reading
  sqlite3_stmt* commit = nullptr;
  sqlite3_stmt* ping = nullptr;
  sqlite3_stmt* insert_event = nullptr;
  sqlite3_stmt* find_event = nullptr;
  sqlite3_stmt* count_events = nullptr;
  sqlite3_stmt* mirror_user = nullptr;
  sqlite3_stmt* mirror_project = nullptr;
  sqlite3_stmt* upsert_user = nullptr;
  sqlite3_stmt* upsert_project = nullptr;
  sqlite3_stmt* find_user = nullptr;
  sqlite3_stmt* find_project = nullptr;
  sqlite3_stmt* create_key = nullptr;
  sqlite3_stmt* find_key_by_hash = nullptr;
  sqlite3_stmt* list_keys = nullptr;
  sqlite3_stmt* revoke_key = nullptr;
  sqlite3_stmt* touch_key = nullptr;

  OrgMirror mirror;  // on mirror_user and mirror_project
  BudgetStatements budgets;
  LedgerStatements ledger;
  AlertStatements alerts;
  RollupStatements rollups;
};

// org_rows.cpp: users and projects.
extern const char* const kMirrorUserSql;
extern const char* const kMirrorProjectSql;
extern const char* const kUpsertUserSql;
extern const char* const kUpsertProjectSql;
extern const char* const kFindUserSql;
extern const char* const kFindProjectSql;

// key_rows.cpp: API keys.
extern const char* const kCreateKeySql;
extern const char* const kFindKeyByHashSql;
extern const char* const kListKeysSql;
extern const char* const kRevokeKeySql;
extern const char* const kTouchKeySql;

}  // namespace costgate::central
