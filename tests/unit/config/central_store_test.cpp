// central.store ("sqlite:PATH") and the older central.database (a path): one setting, two keys.
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "config/store_location.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

StoreLocation SqliteAt(const std::string& path) {
  return StoreLocation{StoreLocation::Kind::kSqlite, path};
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CentralStore, DefaultIsTheSqliteFileOfBefore) {
  EXPECT_EQ(DefaultConfig().central.store, SqliteAt("costgate-central.db"));
}

TEST(CentralStore, SqliteLocationNamesTheFile) {
  EXPECT_EQ(LoadAccepted("central: {store: 'sqlite:/var/lib/costgate/central.db'}").central.store,
            SqliteAt("/var/lib/costgate/central.db"));
}

TEST(CentralStore, RelativeSqlitePathIsKeptAsWritten) {
  EXPECT_EQ(LoadAccepted("central: {store: 'sqlite:data/central.db'}").central.store,
            SqliteAt("data/central.db"));
}

TEST(CentralStore, UnknownSchemeIsRejectedAtCentralStore) {
  const auto errors = LoadRejected("central: {store: 'mysql://db.internal/costgate'}");
  ASSERT_EQ(PathsOf(errors), Paths{"central.store"});
  EXPECT_EQ(errors[0].message,
            "expected sqlite:PATH (PATH a database file), got 'mysql://db.internal/costgate'");
}

TEST(CentralStore, PathWithoutSchemeIsRejected) {
  EXPECT_EQ(PathsOf(LoadRejected("central: {store: /var/lib/costgate/central.db}")),
            Paths{"central.store"});
}

TEST(CentralStore, SchemeWithoutPathIsRejected) {
  EXPECT_EQ(PathsOf(LoadRejected("central: {store: 'sqlite:'}")), Paths{"central.store"});
}

TEST(CentralStore, EmptyValueIsRejected) {
  EXPECT_EQ(PathsOf(LoadRejected("central: {store: ''}")), Paths{"central.store"});
}

TEST(CentralStore, BothKeysNamingTheSameFileAreAccepted) {
  EXPECT_EQ(
      LoadAccepted("central: {store: 'sqlite:/data/c.db', database: /data/c.db}").central.store,
      SqliteAt("/data/c.db"));
}

TEST(CentralStore, BothKeysNamingDifferentFilesAreAnErrorNamingBoth) {
  const auto errors = LoadRejected("central: {store: 'sqlite:/data/a.db', database: /data/b.db}");
  ASSERT_EQ(PathsOf(errors), Paths{"central.database"});
  EXPECT_EQ(errors[0].message,
            "central.store 'sqlite:/data/a.db' and central.database 'sqlite:/data/b.db' name "
            "different stores; set only one of them");
}

TEST(CentralStore, ConflictIsAnErrorWhicheverKeyComesFirst) {
  const auto errors = LoadRejected("central: {database: /data/b.db, store: 'sqlite:/data/a.db'}");
  ASSERT_EQ(PathsOf(errors), Paths{"central.store"});
  EXPECT_TRUE(Contains(errors[0].message, "central.store 'sqlite:/data/a.db'"))
      << errors[0].message;
  EXPECT_TRUE(Contains(errors[0].message, "central.database 'sqlite:/data/b.db'"))
      << errors[0].message;
}

TEST(CentralStore, EnvironmentSetsTheStore) {
  EXPECT_EQ(LoadAccepted("", {{"COSTGATE_CENTRAL_STORE", "sqlite:/data/central.db"}}).central.store,
            SqliteAt("/data/central.db"));
}

TEST(CentralStore, EnvironmentStoreWinsOverTheFilesStore) {
  EXPECT_EQ(
      LoadAccepted("central: {store: 'sqlite:/a.db'}", {{"COSTGATE_CENTRAL_STORE", "sqlite:/b.db"}})
          .central.store,
      SqliteAt("/b.db"));
}

TEST(CentralStore, EnvironmentDatabaseStillWinsOverTheFilesDatabase) {
  EXPECT_EQ(LoadAccepted("central: {database: /a.db}", {{"COSTGATE_CENTRAL_DATABASE", "/b.db"}})
                .central.store,
            SqliteAt("/b.db"));
}

TEST(CentralStore, EnvironmentDatabaseAgainstTheFilesStoreIsAnError) {
  const auto errors =
      LoadRejected("central: {store: 'sqlite:/a.db'}", {{"COSTGATE_CENTRAL_DATABASE", "/b.db"}});
  ASSERT_EQ(PathsOf(errors), Paths{"COSTGATE_CENTRAL_DATABASE"});
  EXPECT_TRUE(Contains(errors[0].message, "central.store")) << errors[0].message;
  EXPECT_TRUE(Contains(errors[0].message, "central.database")) << errors[0].message;
}

TEST(CentralStore, BadSchemeFromTheEnvironmentIsReportedWithTheVariableName) {
  EXPECT_EQ(PathsOf(LoadRejected("", {{"COSTGATE_CENTRAL_STORE", "postgres://x"}})),
            Paths{"COSTGATE_CENTRAL_STORE"});
}

TEST(CentralStore, LocationTextReadsBack) {
  const StoreLocation location = SqliteAt("/data/central.db");
  EXPECT_EQ(StoreLocationText(location), "sqlite:/data/central.db");
  EXPECT_EQ(ParseStoreLocation(StoreLocationText(location)).value, location);
}

}  // namespace
}  // namespace costgate::config
