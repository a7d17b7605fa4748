#include <gtest/gtest.h>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

class StoreOrg : public store_testing::StoreTest {};
INSTANTIATE_TEST_SUITE_P(Stores, StoreOrg, ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

UserRecord FindUser(Store& store, const std::string& external_id) {
  auto found = std::get<std::optional<UserRecord>>(store.FindUser("app", external_id));
  EXPECT_TRUE(found.has_value()) << external_id;
  return found.value_or(UserRecord{});
}

ProjectRecord FindProject(Store& store, const std::string& external_id) {
  auto found = std::get<std::optional<ProjectRecord>>(store.FindProject("app", external_id));
  EXPECT_TRUE(found.has_value()) << external_id;
  return found.value_or(ProjectRecord{});
}

TEST_P(StoreOrg, UpsertCreatesAUser) {
  ASSERT_EQ(store().UpsertUser({"app", "42", "a@b.c", "A B"}, 1000), std::nullopt);
  const UserRecord user = FindUser(store(), "42");
  EXPECT_EQ(user.source_app, "app");
  EXPECT_EQ(user.external_id, "42");
  EXPECT_EQ(user.email, "a@b.c");
  EXPECT_EQ(user.full_name, "A B");
}

TEST_P(StoreOrg, UpsertUpdatesAKnownUser) {
  store().UpsertUser({"app", "42", "a@b.c", "A B"}, 1000);
  store().UpsertUser({"app", "42", "new@b.c", "A New"}, 2000);
  EXPECT_EQ(FindUser(store(), "42").email, "new@b.c");
  EXPECT_EQ(FindUser(store(), "42").full_name, "A New");
}

TEST_P(StoreOrg, UpsertWithEmptyFieldsKeepsKnownUserValues) {
  store().UpsertUser({"app", "42", "a@b.c", "A B"}, 1000);
  store().UpsertUser({"app", "42", "", "A New"}, 2000);
  EXPECT_EQ(FindUser(store(), "42").email, "a@b.c");
  EXPECT_EQ(FindUser(store(), "42").full_name, "A New");
}

TEST_P(StoreOrg, UpsertCompletesAMirroredUser) {
  Event e;
  e.event_id = "e1";
  e.source_app = "app";
  e.user = "42";
  store().InsertEvents(std::vector{e});
  store().UpsertUser({"app", "42", "a@b.c", "A B"}, 2000);
  EXPECT_EQ(FindUser(store(), "42").email, "a@b.c");
}

TEST_P(StoreOrg, UpsertKeepsCreationTimeAndMovesUpdateTime) {
  store().UpsertUser({"app", "42", "a@b.c", "A B"}, 1000);
  store().UpsertUser({"app", "42", "new@b.c", "A B"}, 2000);
  auto rows = Query("SELECT created_unix_ms, updated_unix_ms FROM users");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["created_unix_ms"], "1000");
  EXPECT_EQ(rows[0]["updated_unix_ms"], "2000");
}

TEST_P(StoreOrg, UnknownUserIsNotFound) {
  EXPECT_FALSE(std::get<std::optional<UserRecord>>(store().FindUser("app", "nobody")));
}

TEST_P(StoreOrg, UpsertCreatesAProject) {
  ASSERT_EQ(store().UpsertProject({"app", "7", "Ford Q3 Campaign", "ford", "video"}, 1000),
            std::nullopt);
  const ProjectRecord project = FindProject(store(), "7");
  EXPECT_EQ(project.name, "Ford Q3 Campaign");
  EXPECT_EQ(project.workspace_id, "ford");
  EXPECT_EQ(project.team_id, "video");
}

TEST_P(StoreOrg, UpsertAssignsAnUnassignedProject) {
  store().UpsertProject({"app", "7", "", "", ""}, 1000);
  store().UpsertProject({"app", "7", "Ford Q3 Campaign", "ford", ""}, 2000);
  EXPECT_EQ(FindProject(store(), "7").name, "Ford Q3 Campaign");
  EXPECT_EQ(FindProject(store(), "7").workspace_id, "ford");
}

TEST_P(StoreOrg, UpsertWithEmptyWorkspaceKeepsTheKnownOne) {
  store().UpsertProject({"app", "7", "Ford Q3 Campaign", "ford", "video"}, 1000);
  store().UpsertProject({"app", "7", "Renamed", "", ""}, 2000);
  const ProjectRecord project = FindProject(store(), "7");
  EXPECT_EQ(project.name, "Renamed");
  EXPECT_EQ(project.workspace_id, "ford");
  EXPECT_EQ(project.team_id, "video");
}

TEST_P(StoreOrg, ProjectsAreKeyedBySourceApp) {
  store().UpsertProject({"app", "7", "Mine", "", ""}, 1000);
  store().UpsertProject({"other", "7", "Theirs", "", ""}, 1000);
  EXPECT_EQ(FindProject(store(), "7").name, "Mine");
}

}  // namespace
}  // namespace costgate::central
