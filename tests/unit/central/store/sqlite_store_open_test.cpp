#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "central/store/sqlite_store.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using store_testing::MakeEvent;
using store_testing::OpenStore;
using store_testing::QueryRows;
using store_testing::TempDir;

std::string OpenError(const std::string& path) {
  auto opened = SqliteStore::Open(path, config::SqliteSynchronous::kNormal);
  if (!std::holds_alternative<StoreError>(opened)) {
    ADD_FAILURE() << path << " opened";
    return "";
  }
  return std::get<StoreError>(opened).message;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(SqliteStoreOpen, NewFileGetsSchemaVersion1) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenStore(path);
  EXPECT_EQ(QueryRows(path, "PRAGMA user_version")[0]["user_version"], "1");
}

TEST(SqliteStoreOpen, NewFileIsInWalMode) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenStore(path);
  EXPECT_EQ(QueryRows(path, "PRAGMA journal_mode")[0]["journal_mode"], "wal");
}

TEST(SqliteStoreOpen, NewFileHasEveryTable) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenStore(path);
  std::vector<std::string> tables;
  for (auto& row :
       QueryRows(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")) {
    tables.push_back(*row["name"]);
  }
  EXPECT_EQ(tables, (std::vector<std::string>{"api_keys", "events", "projects", "teams", "users",
                                              "workspaces"}));
}

TEST(SqliteStoreOpen, ReopenedFileKeepsItsEvents) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenStore(path)->InsertEvents(std::vector{MakeEvent("a"), MakeEvent("b")});
  auto reopened = OpenStore(path);
  EXPECT_EQ(std::get<int64_t>(reopened->CountEvents()), 2);
  EXPECT_EQ(std::get<std::optional<Event>>(reopened->FindEvent("b"))->model, "gemini-2.5-flash");
}

TEST(SqliteStoreOpen, ReopenedFileStillReportsOldEventsDuplicate) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  OpenStore(path)->InsertEvents(std::vector{MakeEvent("a")});
  auto result = OpenStore(path)->InsertEvents(std::vector{MakeEvent("a")});
  EXPECT_EQ(std::get<std::vector<InsertResult>>(result), (std::vector{InsertResult::kDuplicate}));
}

TEST(SqliteStoreOpen, NewerSchemaVersionIsRefused) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  store_testing::ExecuteSql(path, "PRAGMA user_version = 99");
  const std::string error = OpenError(path);
  EXPECT_TRUE(Contains(error, "schema version 99 is newer than this costgate's (1)")) << error;
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
  OpenStore(path);
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
