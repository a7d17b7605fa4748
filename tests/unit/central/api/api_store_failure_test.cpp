// A store that fails under the API: the request is refused whole with 503, nothing acknowledged.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "central/keys/api_key.h"
#include "central/store/open_store.h"
#include "tests/unit/central/api/api_harness.h"
#include "tests/unit/pricing/history_dir_helpers.h"

namespace costgate::central {
namespace {

using testing::Batch;
using testing::ExampleEvent;
using testing::kNow;

// Drops the events table from another connection, as a damaged or hand-edited database would
// present itself: reads of keys still work, every write of events fails.
void DropEventsTable(const std::string& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "DROP TABLE events", nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(ApiStoreFailure, BatchIsRefusedWith503WhenEventsCannotBeStored) {
  pricing::testing::ScratchDir dir;
  const std::string path = dir.Sub("central.db");
  auto store = std::get<std::unique_ptr<Store>>(
      OpenStore({config::StoreLocation::Kind::kSqlite, path}, config::SqliteSynchronous::kNormal));
  pricing::PriceBookHolder prices(testing::TestBook());
  Api api(*store, prices, {});
  NewKey key = GenerateKey(kNow);
  key.record.scopes = static_cast<uint8_t>(Scope::kShip);
  ASSERT_FALSE(store->CreateKey(key.record));
  DropEventsTable(path);

  const std::string body = Batch({ExampleEvent("e-1")});
  const ApiResponse r = api.Handle({"POST", "/v1/usage/batch", key.secret, body, kNow});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(
      r.body,
      R"({"error":{"code":"store_unavailable","message":"the store is failing; retry later"}})");
}

TEST(ApiStoreFailure, HealthSays503AndDbErrorWhenEventsCannotBeRead) {
  pricing::testing::ScratchDir dir;
  const std::string path = dir.Sub("central.db");
  auto store = std::get<std::unique_ptr<Store>>(
      OpenStore({config::StoreLocation::Kind::kSqlite, path}, config::SqliteSynchronous::kNormal));
  pricing::PriceBookHolder prices(testing::TestBook());
  Api api(*store, prices, {});
  ASSERT_EQ(api.Handle({"GET", "/v1/health", "", "", kNow}).status, 200);
  DropEventsTable(path);

  const ApiResponse r = api.Handle({"GET", "/v1/health", "", "", kNow});
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, R"({"status":"error","db":"error"})");
}

}  // namespace
}  // namespace costgate::central
