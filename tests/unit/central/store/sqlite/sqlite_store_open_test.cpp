#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "central/store/open_store.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using store_testing::MakeEvent;
using store_testing::OpenSqliteStore;
using store_testing::QueryRows;
using store_testing::TempDir;

std::string OpenError(const std::string& path) {
  auto opened =
      OpenStore({config::StoreLocation::Kind::kSqlite, path}, config::SqliteSynchronous::kNormal);
  if (!std::holds_alternative<StoreError>(opened)) {
    ADD_FAILURE() << path << " opened";
    return "";
  }
  return std::get<StoreError>(opened).message;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(SqliteStoreOpen, NewFileGetsSchemaVersion6) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenSqliteStore(path);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "6");
}

// A version-5 file (as the builds before version 6 wrote it): no unpriced index, users without
// a workspace and team.
TEST(SqliteStoreOpen, AVersion5FileGetsTheUnpricedEventsIndexAndUserPlaces) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenSqliteStore(path);
  store_testing::ExecuteSql(path,
                            "DROP INDEX events_unpriced; ALTER TABLE users DROP COLUMN "
                            "workspace_id; ALTER TABLE users DROP COLUMN team_id; "
                            "PRAGMA user_version = 5;");
  OpenSqliteStore(path);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "6");
  EXPECT_EQ(QueryRows(path, "SELECT name FROM sqlite_master WHERE name = 'events_unpriced'").size(),
            1u);
  EXPECT_EQ(QueryRows(path,
                      "SELECT name FROM pragma_table_info('users') WHERE name IN "
                      "('workspace_id', 'team_id')")
                .size(),
            2u);
}

// A version-5 file that has the users' place columns already (written by a build between 5 and
// 6) opens too, and keeps them.
TEST(SqliteStoreOpen, AVersion5FileWithPlacedUsersOpens) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenSqliteStore(path);
  store_testing::ExecuteSql(path, "DROP INDEX events_unpriced; PRAGMA user_version = 5;");
  OpenSqliteStore(path);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "6");
  EXPECT_EQ(QueryRows(path,
                      "SELECT name FROM pragma_table_info('users') WHERE name IN "
                      "('workspace_id', 'team_id')")
                .size(),
            2u);
}

TEST(SqliteStoreOpen, NewFileIsInWalMode) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenSqliteStore(path);
  EXPECT_EQ(QueryRows(path, "PRAGMA journal_mode")[0]["journal_mode"], "wal");
}

TEST(SqliteStoreOpen, NewFileHasEveryTable) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenSqliteStore(path);
  std::vector<std::string> tables;
  for (auto& row :
       QueryRows(path,
                 "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                 "'rollup\\_%\\_by\\_%' ESCAPE '\\' ORDER BY 1")) {
    tables.push_back(*row["name"]);
  }
  // And a by-dimension hour and day rollup per dimension.
  EXPECT_EQ(*QueryRows(path,
                       "SELECT COUNT(*) AS n FROM sqlite_master WHERE name LIKE "
                       "'rollup\\_%\\_by\\_%' ESCAPE '\\'")[0]["n"],
            "26");
  // sqlite_sequence: SQLite's own, for the AUTOINCREMENT of audit_log and the alert tables.
  EXPECT_EQ(tables,
            (std::vector<std::string>{"accounts",       "alert_attempts",    "alert_deliveries",
                                      "analytics_meta", "api_keys",          "audit_log",
                                      "budget_alerts",  "budget_holds",      "budget_leases",
                                      "budget_spend",   "budgets",           "events",
                                      "projects",       "rollup_day_core",   "rollup_day_total",
                                      "rollup_hour",    "rollup_hour_total", "sessions",
                                      "setup_token",    "sqlite_sequence",   "teams",
                                      "users",          "workspaces"}));
}

TEST(SqliteStoreOpen, ReopenedFileKeepsItsEvents) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenSqliteStore(path)->InsertEvents(std::vector{MakeEvent("a"), MakeEvent("b")});
  auto reopened = OpenSqliteStore(path);
  EXPECT_EQ(std::get<int64_t>(reopened->CountEvents()), 2);
  EXPECT_EQ(std::get<std::optional<Event>>(reopened->FindEvent("b"))->model, "gemini-2.5-flash");
}

TEST(SqliteStoreOpen, ReopenedFileStillReportsOldEventsDuplicate) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenSqliteStore(path)->InsertEvents(std::vector{MakeEvent("a")});
  auto result = OpenSqliteStore(path)->InsertEvents(std::vector{MakeEvent("a")});
  EXPECT_EQ(std::get<std::vector<InsertResult>>(result), (std::vector{InsertResult::kDuplicate}));
}

// Version 1 as the first central created it. A fixture, frozen: never derived from
// central/store/sqlite/store_schema.cpp, which moves on.
constexpr std::string_view kVersion1Schema = R"sql(
CREATE TABLE events (
  event_id TEXT PRIMARY KEY, origin TEXT NOT NULL, request_id TEXT NOT NULL,
  start_unix_ms INTEGER NOT NULL, end_unix_ms INTEGER NOT NULL, source_app TEXT NOT NULL,
  workspace TEXT NOT NULL, team TEXT NOT NULL, project TEXT NOT NULL, user TEXT NOT NULL,
  job TEXT NOT NULL, feature TEXT NOT NULL, environment TEXT NOT NULL, host TEXT NOT NULL,
  pod TEXT NOT NULL, daemon_version TEXT NOT NULL, provider TEXT NOT NULL,
  operation TEXT NOT NULL, model TEXT NOT NULL, model_version TEXT NOT NULL,
  service_tier TEXT NOT NULL, metered INTEGER NOT NULL, units_json TEXT NOT NULL,
  estimated INTEGER NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,
  http_status INTEGER NOT NULL, latency_ms INTEGER NOT NULL, ttfb_ms INTEGER NOT NULL,
  request_bytes INTEGER NOT NULL, response_bytes INTEGER NOT NULL,
  proxy_cost_pico_usd INTEGER, proxy_pricing_version TEXT NOT NULL, cost_pico_usd INTEGER,
  pricing_version TEXT NOT NULL, price_key TEXT NOT NULL, unpriced_reason TEXT NOT NULL,
  received_unix_ms INTEGER NOT NULL);
CREATE INDEX events_by_start ON events (start_unix_ms);
CREATE TABLE workspaces (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE teams (id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE projects (source_app TEXT NOT NULL, external_id TEXT NOT NULL, name TEXT NOT NULL,
  workspace_id TEXT NOT NULL, team_id TEXT NOT NULL, created_unix_ms INTEGER NOT NULL,
  updated_unix_ms INTEGER NOT NULL, PRIMARY KEY (source_app, external_id));
CREATE TABLE users (source_app TEXT NOT NULL, external_id TEXT NOT NULL, email TEXT NOT NULL,
  full_name TEXT NOT NULL, created_unix_ms INTEGER NOT NULL, updated_unix_ms INTEGER NOT NULL,
  PRIMARY KEY (source_app, external_id));
CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,
  source_app TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL,
  scopes INTEGER NOT NULL, workspace TEXT NOT NULL, created_unix_ms INTEGER NOT NULL,
  last_used_unix_ms INTEGER, revoked_unix_ms INTEGER);
INSERT INTO events VALUES ('v1-event', 'proxy', '', 1, 2, 'app', '', '', '', '', '', '', '',
  'h', '', '0.4.0', 'gemini', 'generateContent', 'gemini-2.5-flash', 'gemini-2.5-flash', '', 1,
  '{"input_tokens":3}', 0, 'success', '', 200, 1, 1, 1, 1, 900000, 'pb-a', 900000, 'pb-a',
  'gemini/gemini-2.5-flash', '', 3);
INSERT INTO users VALUES ('app', 'u-1', 'ann@example.com', 'Ann', 1, 1);
PRAGMA user_version = 1;
)sql";

TEST(SqliteStoreOpen, Version1GainsPricingNotesWithItsEventsKept) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  store_testing::ExecuteSql(path, std::string(kVersion1Schema));
  auto store = OpenSqliteStore(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "6");
  const std::optional<Event> old = std::get<std::optional<Event>>(store->FindEvent("v1-event"));
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->cost, pricing::Money::FromPico(900'000));
  EXPECT_EQ(old->price_key, "gemini/gemini-2.5-flash");
  EXPECT_EQ(old->pricing_notes, "");
  // Version 5's users have a place: Unassigned for those already known.
  const std::optional<UserRecord> ann =
      std::get<std::optional<UserRecord>>(store->FindUser("app", "u-1"));
  ASSERT_TRUE(ann.has_value());
  EXPECT_EQ(ann->email, "ann@example.com");
  EXPECT_EQ(ann->workspace_id, "");
  EXPECT_EQ(ann->team_id, "");
  // Version 5's account tables came with the migration.
  EXPECT_EQ(std::get<std::vector<Account>>(store->ListAccounts()).size(), 0u);
  EXPECT_FALSE(std::get<bool>(store->HasAdminAccount()));
  store->InsertEvents(std::vector{MakeEvent("new")});
  EXPECT_EQ(std::get<std::optional<Event>>(store->FindEvent("new"))->pricing_notes,
            "model_fallback,tier_fallback");
  // Events stored before the migration still come back duplicate.
  EXPECT_EQ(
      std::get<std::vector<InsertResult>>(store->InsertEvents(std::vector{MakeEvent("v1-event")})),
      (std::vector{InsertResult::kDuplicate}));
}

TEST(SqliteStoreOpen, NewerSchemaVersionIsRefused) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  store_testing::ExecuteSql(path, "PRAGMA user_version = 99");
  const std::string error = OpenError(path);
  EXPECT_TRUE(Contains(error, "schema version 99 is newer than this costgate's (6)")) << error;
}

TEST(SqliteStoreOpen, RefusedNewerSchemaIsLeftUntouched) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  store_testing::ExecuteSql(path, "PRAGMA user_version = 99");
  OpenError(path);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "99");
  EXPECT_TRUE(QueryRows(path, "SELECT name FROM sqlite_master").empty());
}

TEST(SqliteStoreOpen, FileThatIsNotADatabaseIsAnError) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  std::ofstream(path) << "this is not an SQLite database, just some text that is long enough\n";
  const std::string error = OpenError(path);
  EXPECT_TRUE(Contains(error, path)) << error;
  EXPECT_TRUE(Contains(error, "file is not a database")) << error;
}

TEST(SqliteStoreOpen, MissingDirectoryIsAnError) {
  TempDir dir;
  const std::string error = OpenError(dir.File("no/such/dir/central.db"));
  EXPECT_TRUE(Contains(error, "unable to open database file")) << error;
}

TEST(SqliteStoreOpen, ReadOnlyFileIsAnError) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenSqliteStore(path);
  chmod(path.c_str(), 0444);
  store_testing::ScopedFileModesApply modes;
  const std::string error = OpenError(path);
  EXPECT_TRUE(Contains(error, "read-only")) << error;
}

TEST(SqliteStoreOpen, EmptyPathIsAnError) {
  EXPECT_EQ(OpenError(""), "open central database: the path is empty");
}

}  // namespace
}  // namespace costgate::central
