// The store's org changes (org.h): each checks what it depends on inside its transaction and
// writes its audit row only when it changed something; a bulk assignment is all or none.
#include <gtest/gtest.h>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

class StoreOrgAdmin : public store_testing::StoreTest {
 protected:
  void SetUp() override {
    store_testing::StoreTest::SetUp();
    for (const char* id : {"a", "b", "c"}) {
      ASSERT_EQ(store().UpsertProject({"app", id, "", "", ""}, 1000), std::nullopt);
    }
  }
  size_t AuditRows() {
    return std::get<std::vector<AuditEntry>>(store().ListAudit(100, std::nullopt)).size();
  }
  OrgOutcome Outcome(const StoreResult<OrgResult>& done) {
    EXPECT_TRUE(std::holds_alternative<OrgResult>(done));
    return std::holds_alternative<OrgResult>(done) ? std::get<OrgResult>(done).outcome
                                                   : OrgOutcome::kDone;
  }
  ProjectRecord Project(const std::string& id) {
    return std::get<std::optional<ProjectRecord>>(store().FindProject("app", id)).value();
  }
  const AuditEntry audit_{0, 2000, "test", "org.test", "x", "", "{}"};
};
INSTANTIATE_TEST_SUITE_P(Stores, StoreOrgAdmin,
                         ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

TEST_P(StoreOrgAdmin, BulkAssignIsAllOrNone) {
  ASSERT_EQ(Outcome(store().CreateWorkspace({"w", "W"}, audit_)), OrgOutcome::kDone);
  ASSERT_EQ(Outcome(store().CreateTeam({"t", "w", "T"}, audit_)), OrgOutcome::kDone);
  const size_t before = AuditRows();
  const std::vector<ProjectKey> some = {{"app", "a"}, {"app", "zz"}, {"app", "b"}};
  const StoreResult<OrgResult> refused = store().AssignProjects(some, "w", "t", audit_);
  ASSERT_EQ(Outcome(refused), OrgOutcome::kNotFound);
  EXPECT_EQ(std::get<OrgResult>(refused).index, 1u);
  EXPECT_EQ(Project("a").workspace_id, "");
  EXPECT_EQ(AuditRows(), before);

  const std::vector<ProjectKey> known = {{"app", "a"}, {"app", "b"}};
  ASSERT_EQ(Outcome(store().AssignProjects(known, "w", "t", audit_)), OrgOutcome::kDone);
  EXPECT_EQ(Project("b").workspace_id, "w");
  EXPECT_EQ(Project("b").team_id, "t");
  EXPECT_EQ(AuditRows(), before + 1);
  EXPECT_EQ(Outcome(store().AssignProjects(known, "nope", "", audit_)), OrgOutcome::kNoWorkspace);
  EXPECT_EQ(Outcome(store().AssignProjects(known, "w", "nope", audit_)), OrgOutcome::kNoTeam);

  OrgPage unassigned;
  unassigned.unassigned_only = true;
  const auto left = std::get<std::vector<ProjectRecord>>(store().ListProjects(unassigned));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].external_id, "c");
}

TEST_P(StoreOrgAdmin, DeletesWaitUntilNothingBelongs) {
  ASSERT_EQ(Outcome(store().CreateWorkspace({"w", "W"}, audit_)), OrgOutcome::kDone);
  EXPECT_EQ(Outcome(store().CreateWorkspace({"w", "again"}, audit_)), OrgOutcome::kIdTaken);
  ASSERT_EQ(Outcome(store().CreateTeam({"t", "w", "T"}, audit_)), OrgOutcome::kDone);
  EXPECT_EQ(Outcome(store().CreateTeam({"u", "nope", "U"}, audit_)), OrgOutcome::kNoWorkspace);
  EXPECT_EQ(Outcome(store().DeleteWorkspace("w", audit_)), OrgOutcome::kHasTeams);
  ASSERT_EQ(
      Outcome(store().AssignProjects(std::vector<ProjectKey>{{"app", "a"}}, "w", "t", audit_)),
      OrgOutcome::kDone);
  EXPECT_EQ(Outcome(store().DeleteTeam("t", audit_)), OrgOutcome::kHasProjects);

  // A team moved to another workspace takes its projects along.
  ASSERT_EQ(Outcome(store().CreateWorkspace({"v", "V"}, audit_)), OrgOutcome::kDone);
  ASSERT_EQ(Outcome(store().UpdateTeam({"t", "v", "T"}, audit_)), OrgOutcome::kDone);
  EXPECT_EQ(Project("a").workspace_id, "v");
  EXPECT_EQ(Outcome(store().DeleteWorkspace("w", audit_)), OrgOutcome::kDone);
  EXPECT_EQ(Outcome(store().DeleteWorkspace("w", audit_)), OrgOutcome::kNotFound);
  const auto teams = std::get<std::vector<Team>>(store().ListTeams());
  ASSERT_EQ(teams.size(), 1u);
  EXPECT_EQ(teams[0].workspace_id, "v");
}

TEST_P(StoreOrgAdmin, UsersAreSearchedAnyCaseAndEdited) {
  ASSERT_EQ(store().UpsertUser({"app", "u1", "ann@example.com", "Ann"}, 1000), std::nullopt);
  ASSERT_EQ(store().UpsertUser({"app", "u2", "", "Bob_50%"}, 1000), std::nullopt);
  OrgPage page;
  page.search = "_50%";
  auto found = std::get<std::vector<UserRecord>>(store().ListUsers(page));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].external_id, "u2");
  page.search = "EXAMPLE";
  found = std::get<std::vector<UserRecord>>(store().ListUsers(page));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Outcome(store().UpdateUser({"app", "u1", "", "Ann Lee"}, 3000, audit_)),
            OrgOutcome::kDone);
  EXPECT_EQ(std::get<std::optional<UserRecord>>(store().FindUser("app", "u1"))->email, "");
  EXPECT_EQ(Outcome(store().UpdateUser({"app", "u9", "", "x"}, 3000, audit_)),
            OrgOutcome::kNotFound);
}

}  // namespace
}  // namespace costgate::central
