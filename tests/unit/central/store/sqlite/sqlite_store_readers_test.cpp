// Read-only connections to a SQLite store: never a checkpoint (the WAL-reset caveat of
// ARCHITECTURE.md holds while they are open and when they close), never a file created.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <variant>

#include "central/store/open_store.h"
#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using store_testing::MakeEvent;
using store_testing::OpenSqliteStore;
using store_testing::TempDir;

config::StoreLocation SqliteAt(const std::string& path) {
  return {config::StoreLocation::Kind::kSqlite, path};
}

std::string ReaderOpenError(const std::string& path) {
  auto opened = OpenReadOnlyStore(SqliteAt(path));
  if (!std::holds_alternative<StoreError>(opened)) {
    ADD_FAILURE() << path << " opened";
    return "";
  }
  return std::get<StoreError>(opened).message;
}

std::unique_ptr<Store> OpenSqliteReader(const std::string& path) {
  auto opened = OpenReadOnlyStore(SqliteAt(path));
  if (auto* error = std::get_if<StoreError>(&opened)) {
    ADD_FAILURE() << error->message;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<Store>>(opened));
}

// The files of a WAL database as a checkpoint would change them: a checkpoint copies the WAL's
// pages into the database file (which grows here: the events are in the WAL only) and the last
// connection to close then deletes the WAL.
struct WalFiles {
  uintmax_t database_bytes = 0;
  bool wal_exists = false;
  uintmax_t wal_bytes = 0;

  bool operator==(const WalFiles&) const = default;
};

WalFiles Look(const std::string& path) {
  std::error_code ignored;
  WalFiles files;
  files.database_bytes = std::filesystem::file_size(path);
  files.wal_exists = std::filesystem::exists(path + "-wal", ignored);
  files.wal_bytes = files.wal_exists ? std::filesystem::file_size(path + "-wal") : 0;
  return files;
}

// Events in the WAL only (the store checkpoints every ~40 MB of WAL), with the writer closed
// while `other` stays open, so `other` is the last connection to close the file.
template <typename Other>
WalFiles WriteEventsThenCloseTheWriter(const std::string& path, Other& other) {
  auto writer = OpenSqliteStore(path);
  std::vector<Event> events;
  for (int i = 0; i < 200; ++i) {
    events.push_back(MakeEvent("e-" + std::to_string(i)));
  }
  writer->InsertEvents(events);
  other.Open(path);
  writer.reset();  // not the last connection: it leaves the WAL as it is
  return Look(path);
}

struct Reader {
  void Open(const std::string& path) {
    store = OpenSqliteReader(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(std::get<int64_t>(store->CountEvents()), 200);  // it has read the WAL
  }
  std::unique_ptr<Store> store;
};

struct PlainConnection {
  void Open(const std::string& path) {
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "SELECT COUNT(*) FROM events", nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  sqlite3* db = nullptr;
};

TEST(SqliteStoreReaders, ClosingTheLastReaderNeverCheckpoints) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  Reader reader;
  const WalFiles before = WriteEventsThenCloseTheWriter(path, reader);
  ASSERT_TRUE(before.wal_exists);
  reader.store.reset();
  EXPECT_EQ(Look(path), before);
}

// The check above can see a checkpoint: an ordinary read-write connection closing last does one.
TEST(SqliteStoreReaders, ClosingTheLastReadWriteConnectionCheckpoints) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  PlainConnection plain;
  const WalFiles before = WriteEventsThenCloseTheWriter(path, plain);
  ASSERT_TRUE(before.wal_exists);
  sqlite3_close(plain.db);
  const WalFiles after = Look(path);
  EXPECT_FALSE(after.wal_exists);
  EXPECT_GT(after.database_bytes, before.database_bytes);
}

TEST(SqliteStoreReaders, ReaderOfTheCheckpointedFileSeesEveryEvent) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  Reader reader;
  WriteEventsThenCloseTheWriter(path, reader);
  reader.store.reset();
  auto again = OpenSqliteReader(path);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(std::get<int64_t>(again->CountEvents()), 200);
}

TEST(SqliteStoreReaders, MissingFileIsAnErrorAndStaysMissing) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  const std::string error = ReaderOpenError(path);
  EXPECT_NE(error.find("unable to open database file"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteStoreReaders, FileWithoutTheSchemaIsAnError) {
  TempDir dir;
  const std::string path = dir.File("central.db");
  store_testing::ExecuteSql(path, "CREATE TABLE unrelated (x)");
  const std::string error = ReaderOpenError(path);
  EXPECT_NE(error.find("schema version 0, this costgate reads 6"), std::string::npos) << error;
}

TEST(SqliteStoreReaders, InMemoryDatabaseHasNoReader) {
  EXPECT_EQ(ReaderOpenError(":memory:"),
            "open central database read-only: :memory: is private to its connection");
}

TEST(SqliteStoreReaders, EmptyPathIsAnError) {
  EXPECT_EQ(ReaderOpenError(""), "open central database: the path is empty");
}

}  // namespace
}  // namespace costgate::central
