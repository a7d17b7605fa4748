#include "central/store/sqlite/store_schema.h"

#include <optional>
#include <string>
#include <utility>

#include "central/store/sqlite/alert_rows.h"
#include "central/store/sqlite/event_rows.h"
#include "central/store/sqlite/rollup_rows.h"
#include "sqlite/exec.h"
#include "sqlite/schema_version.h"
#include "sqlite/statement.h"

namespace costgate::central {
namespace {

// events: one row per event_id. A rowid table (rows of a few hundred bytes are past where SQLite
// advises WITHOUT ROWID); the event_id and start time indexes grow at their ends because UUIDv7
// ids and start times are both roughly time-ordered, which keeps ingest cheap. start_unix_ms is
// the only secondary index: analytics reads by time; every further index costs every insert.
// Money is INTEGER pico-USD (pricing/money.h); NULL cost = unpriced. units_json keeps the units
// in the order received: {"input_tokens":10,"output_tokens":2}. Its CREATE TABLE is made from the
// receipt's fields (event_rows.h) and runs before this text.
//
// projects and users: the apps' own records, mirrored lazily from events (empty name, workspace
// "" = Unassigned) and completed by /v1/projects/upsert and /v1/users/upsert. The users' workspace
// and team come with version 6 (kAddUserPlaceSql).
constexpr const char* kCreateSchemaSql = R"sql(
CREATE INDEX IF NOT EXISTS events_by_start ON events (start_unix_ms);

CREATE TABLE IF NOT EXISTS workspaces (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS teams (
  id           TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  name         TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS projects (
  source_app       TEXT NOT NULL,
  external_id      TEXT NOT NULL,
  name             TEXT NOT NULL,
  workspace_id     TEXT NOT NULL,
  team_id          TEXT NOT NULL,
  created_unix_ms  INTEGER NOT NULL,
  updated_unix_ms  INTEGER NOT NULL,
  PRIMARY KEY (source_app, external_id)
);
CREATE TABLE IF NOT EXISTS users (
  source_app       TEXT NOT NULL,
  external_id      TEXT NOT NULL,
  email            TEXT NOT NULL,
  full_name        TEXT NOT NULL,
  created_unix_ms  INTEGER NOT NULL,
  updated_unix_ms  INTEGER NOT NULL,
  PRIMARY KEY (source_app, external_id)
);
CREATE TABLE IF NOT EXISTS api_keys (
  id                TEXT PRIMARY KEY,
  name              TEXT NOT NULL UNIQUE,
  source_app        TEXT NOT NULL,
  hash              TEXT NOT NULL UNIQUE,
  prefix            TEXT NOT NULL,
  scopes            INTEGER NOT NULL,
  workspace         TEXT NOT NULL,
  created_unix_ms   INTEGER NOT NULL,
  last_used_unix_ms INTEGER,
  revoked_unix_ms   INTEGER
);
)sql";

// Version 3: budgets, their spend counters and the audit log of their changes. A budget's scope
// is one column per field ('' = any); thresholds are text ("50,80,100"); money is INTEGER
// pico-USD, NULL = no per-request cap; fail_closed NULL = the config's default. budget_spend is
// one row per budget x period, kept current on ingest (InsertEvents); WITHOUT ROWID: its key is
// all it is looked up by. audit_log ids never repeat, even after the newest row is gone
// (AUTOINCREMENT): they page the log.
constexpr const char* kCreateBudgetTablesSql = R"sql(
CREATE TABLE IF NOT EXISTS budgets (
  id                       TEXT PRIMARY KEY,
  name                     TEXT NOT NULL UNIQUE,
  workspace                TEXT NOT NULL,
  team                     TEXT NOT NULL,
  project                  TEXT NOT NULL,
  source_app               TEXT NOT NULL,
  environment              TEXT NOT NULL,
  user                     TEXT NOT NULL,
  provider                 TEXT NOT NULL,
  model                    TEXT NOT NULL,
  period                   TEXT NOT NULL,
  time_zone                TEXT NOT NULL,
  fiscal_first_month       INTEGER NOT NULL,
  amount_pico_usd          INTEGER NOT NULL,
  thresholds_percent       TEXT NOT NULL,
  hard_limit               INTEGER NOT NULL,
  per_request_cap_pico_usd INTEGER,
  fail_closed              INTEGER,
  created_unix_ms          INTEGER NOT NULL,
  updated_unix_ms          INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS budget_spend (
  budget_id            TEXT NOT NULL,
  period_key           TEXT NOT NULL,
  period_start_unix_ms INTEGER NOT NULL,
  period_end_unix_ms   INTEGER NOT NULL,
  spent_pico_usd       INTEGER NOT NULL,
  events               INTEGER NOT NULL,
  PRIMARY KEY (budget_id, period_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at_unix_ms  INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json  TEXT NOT NULL
);
)sql";

// Version 4: the budget ledger (central/store/ledger.h). budget_holds: one row per hold and
// budget, keyed by the hold's id (a /v1/preflight request_id) so that ingest settles a call's
// holds with one range delete. budget_leases: one row per budget x period x holder. Money is
// INTEGER pico-USD. Both are small and short-lived (holds live until their event arrives or
// they expire). budget_holds_by_budget serves committed() (sum of a budget's holds in a
// period); budget_holds_by_expiry the bounded purge of expired holds. Leases need no index
// beyond their key: committed() reads them by its prefix.
constexpr const char* kCreateLedgerTablesSql = R"sql(
CREATE TABLE IF NOT EXISTS budget_holds (
  hold_id         TEXT NOT NULL,
  budget_id       TEXT NOT NULL,
  period_key      TEXT NOT NULL,
  amount_pico_usd INTEGER NOT NULL,
  expires_unix_ms INTEGER NOT NULL,
  PRIMARY KEY (hold_id, budget_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS budget_holds_by_budget
  ON budget_holds (budget_id, period_key, expires_unix_ms);
CREATE INDEX IF NOT EXISTS budget_holds_by_expiry ON budget_holds (expires_unix_ms);
CREATE TABLE IF NOT EXISTS budget_leases (
  budget_id         TEXT NOT NULL,
  period_key        TEXT NOT NULL,
  holder            TEXT NOT NULL,
  granted_pico_usd  INTEGER NOT NULL,
  ingested_pico_usd INTEGER NOT NULL,
  expires_unix_ms   INTEGER NOT NULL,
  updated_unix_ms   INTEGER NOT NULL,
  PRIMARY KEY (budget_id, period_key, holder)
) WITHOUT ROWID;
)sql";

// Version 5 (auth): people's accounts, their browser sessions and the one-time setup token
// (central/store/account.h). Kept apart from any other version-5 tables so that each is its own
// text, run in order. Passwords are scrypt strings (central/keys/password_hash.h); a session is
// stored only as the SHA-256 hex of its cookie token, and the setup token likewise: a copy of the
// database signs nobody in. sessions_by_user serves "sign this user out everywhere";
// sessions_by_expiry the purge of ended sessions. setup_token holds at most one row (id 1).
constexpr const char* kCreateAccountTablesSql = R"sql(
CREATE TABLE IF NOT EXISTS accounts (
  username        TEXT PRIMARY KEY,
  role            TEXT NOT NULL,
  password_hash   TEXT NOT NULL,
  created_unix_ms INTEGER NOT NULL,
  updated_unix_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash        TEXT PRIMARY KEY,
  csrf_token        TEXT NOT NULL,
  username          TEXT NOT NULL,
  created_unix_ms   INTEGER NOT NULL,
  expires_unix_ms   INTEGER NOT NULL,
  last_seen_unix_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (username);
CREATE INDEX IF NOT EXISTS sessions_by_expiry ON sessions (expires_unix_ms);
CREATE TABLE IF NOT EXISTS setup_token (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  token_hash      TEXT NOT NULL,
  expires_unix_ms INTEGER NOT NULL
);
)sql";

// Version 6: the unpriced events by start time, for the reasons central stored with them
// (Store::CountUnpricedReasons). Partial: it holds only events with a NULL cost, so ingest pays
// for it on unpriced events alone and the Pricing page reads none of the priced ones.
constexpr const char* kCreateUnpricedIndexSql = R"sql(
CREATE INDEX IF NOT EXISTS events_unpriced ON events (start_unix_ms) WHERE cost_pico_usd IS NULL;
)sql";

// Version 2: events say where their price is not the call's own row and tier. Events priced
// before it have no notes: '' claims nothing that was not known when they were priced. The
// column comes last in a fresh table too (event_rows.cpp).
constexpr const char* kMigrateV1ToV2Sql = R"sql(
ALTER TABLE events ADD COLUMN pricing_notes TEXT NOT NULL DEFAULT '';
)sql";

// Version 4: events carry the proxy's preflight estimate and the budget lease holder. Events
// stored before it had none. In an older table they come last; every statement names its
// columns (event_rows.cpp), so the order is immaterial.
constexpr const char* kMigrateV3ToV4Sql = R"sql(
ALTER TABLE events ADD COLUMN estimated_cost_pico_usd INTEGER;
ALTER TABLE events ADD COLUMN estimate_method TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN budget_holder TEXT NOT NULL DEFAULT '';
)sql";

// Version 6: users are placed in a workspace and team like projects (org.h), Unassigned until an
// admin assigns them. The same ALTER for a new database and an old one, so that both end with
// the same users table; every statement names its columns (org_rows.cpp), so the order is
// immaterial.
constexpr const char* kAddUserPlaceSql = R"sql(
ALTER TABLE users ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN team_id TEXT NOT NULL DEFAULT '';
)sql";

// Whether the users table has its place columns already: a version-5 file written by a build
// that added them before the version became 6 has them; main's version-5 files do not.
bool UsersArePlaced(sqlite3* db) {
  sqlite::Statement stmt = sqlite::PrepareOnce(
      db, "SELECT 1 FROM pragma_table_info('users') WHERE name = 'workspace_id'");
  return stmt && sqlite3_step(stmt.get()) == SQLITE_ROW;
}

}  // namespace

StoreStatus CreateOrCheckSchema(sqlite3* db) {
  const std::optional<int> version = sqlite::ReadUserVersion(db);
  if (!version) {
    return StoreError{sqlite::ErrorText(db, "read schema version")};
  }
  if (*version == kStoreSchemaVersion) {
    return std::nullopt;
  }
  if (*version > kStoreSchemaVersion) {
    return StoreError{"schema version " + std::to_string(*version) +
                      " is newer than this costgate's (" + std::to_string(kStoreSchemaVersion) +
                      "): the database was written by a newer costgate; run that version"};
  }
  if (auto error = sqlite::Exec(db, "BEGIN IMMEDIATE", "create schema")) {
    return StoreError{*std::move(error)};
  }
  std::optional<std::string> error;
  if (*version == 0) {
    error = sqlite::Exec(db, CreateEventsTableSql().c_str(), "create schema");
    if (!error) {
      error = sqlite::Exec(db, kCreateSchemaSql, "create schema");
    }
  } else if (*version == 1) {
    error = sqlite::Exec(db, kMigrateV1ToV2Sql, "migrate schema 1 -> 2");
  }
  // Version 3 only adds tables: the same text creates them in a new database and an old one.
  if (!error) {
    error = sqlite::Exec(db, kCreateBudgetTablesSql,
                         *version == 0 ? "create schema" : "migrate schema to 3");
  }
  if (!error && *version >= 1 && *version <= 3) {
    error = sqlite::Exec(db, kMigrateV3ToV4Sql, "migrate schema 3 -> 4");
  }
  // Version 4's ledger tables, like version 3's, are the same text for a new and an old database.
  if (!error) {
    error = sqlite::Exec(db, kCreateLedgerTablesSql,
                         *version == 0 ? "create schema" : "migrate schema to 4");
  }
  // And version 4's alert tables.
  if (!error) {
    error = sqlite::Exec(db, kCreateAlertTablesSql,
                         *version == 0 ? "create schema" : "migrate schema to 4");
  }
  // Version 5's rollups: created empty in a new database; in an older one, built from its events
  // (in UTC days until central sets its zone: SqliteStore::SetAnalyticsTimeZone).
  if (!error) {
    error = sqlite::Exec(db, CreateRollupTablesSql().c_str(),
                         *version == 0 ? "create schema" : "migrate schema to 5");
  }
  if (!error && *version >= 1 && *version <= 4) {
    if (StoreStatus failed = RebuildRollups(db, budgets::TimeZone::Utc(), AllRollupTables())) {
      error = "migrate schema to 5: " + failed->message;
    }
  }
  // Version 5's account tables: the same text for a new and an old database.
  if (!error) {
    error = sqlite::Exec(db, kCreateAccountTablesSql,
                         *version == 0 ? "create schema" : "migrate schema to 5");
  }
  // Version 6's index: the same text for a new and an old database.
  if (!error) {
    error = sqlite::Exec(db, kCreateUnpricedIndexSql,
                         *version == 0 ? "create schema" : "migrate schema to 6");
  }
  if (!error && !UsersArePlaced(db)) {
    error =
        sqlite::Exec(db, kAddUserPlaceSql, *version == 0 ? "create schema" : "migrate schema to 6");
  }
  if (!error) {
    error = sqlite::SetUserVersion(db, kStoreSchemaVersion);
  }
  if (!error) {
    error = sqlite::Exec(db, "COMMIT", "create schema");
  }
  if (error) {
    sqlite::RollbackIfOpen(db);
    return StoreError{*std::move(error)};
  }
  return std::nullopt;
}

}  // namespace costgate::central
