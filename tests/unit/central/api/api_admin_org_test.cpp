// /admin/v1/workspaces, teams, projects and users: CRUD by an admin session or key, bulk
// assignment all or none, each change audited with before/after, refusals naming what is wrong,
// and a viewer refused every change.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/central/api/api_harness.h"
#include "tests/unit/central/api/session_helpers.h"

namespace costgate::central::testing {
namespace {

std::string OrgText(const simdjson::dom::element& e) { return std::string(std::string_view(e)); }

class AdminOrgTest : public ::testing::Test {
 protected:
  AdminOrgTest() {
    AddAccount(h_.store(), "root", Role::kAdmin, "root-password");
    AddAccount(h_.store(), "vera", Role::kViewer, "vera-password");
    admin_ = SignIn(h_.api(), "root", "root-password");
    viewer_ = SignIn(h_.api(), "vera", "vera-password");
    for (const char* id : {"checkout", "search", "support-bot"}) {
      EXPECT_FALSE(h_.store().UpsertProject({"shop", id, "", "", ""}, kNow));
    }
    EXPECT_FALSE(h_.store().UpsertUser({"shop", "u-1", "ann@example.com", "Ann Lee"}, kNow));
    EXPECT_FALSE(h_.store().UpsertUser({"shop", "u-2", "", "Bob"}, kNow));
  }

  ApiResponse As(const Browser& who, std::string_view method, std::string_view path,
                 std::string_view body = "") {
    return Send(
        h_.api(),
        {.method = method, .path = path, .body = body, .cookie = who.cookie, .csrf = who.csrf});
  }
  ApiResponse AsAdmin(std::string_view method, std::string_view path, std::string_view body = "") {
    return As(admin_, method, path, body);
  }

  std::vector<AuditEntry> Audit() {
    return std::get<std::vector<AuditEntry>>(h_.store().ListAudit(100, std::nullopt));
  }

  ApiHarness h_;
  Browser admin_;
  Browser viewer_;
};

TEST_F(AdminOrgTest, WorkspacesAndTeamsAreCreatedRenamedAndDeleted) {
  const ApiResponse made = AsAdmin("POST", "/admin/v1/workspaces",
                                   R"({"id":"customer-experience","name":"Customer experience"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(OrgText(Json(made.body)["workspace"]["name"]), "Customer experience");
  EXPECT_EQ(
      AsAdmin("POST", "/admin/v1/workspaces", R"({"id":"customer-experience","name":"x"})").status,
      409);
  const ApiResponse no_id = AsAdmin("POST", "/admin/v1/workspaces", R"({"name":"x"})");
  EXPECT_EQ(no_id.status, 400);
  EXPECT_NE(no_id.body.find(R"("field":"id")"), std::string::npos) << no_id.body;

  const ApiResponse team =
      AsAdmin("POST", "/admin/v1/teams",
              R"({"id":"support","workspace_id":"customer-experience","name":"Support"})");
  ASSERT_EQ(team.status, 201) << team.body;
  const ApiResponse orphan =
      AsAdmin("POST", "/admin/v1/teams", R"({"id":"t","workspace_id":"nope","name":"T"})");
  EXPECT_EQ(orphan.status, 400);
  EXPECT_NE(orphan.body.find(R"("field":"workspace_id")"), std::string::npos) << orphan.body;

  const ApiResponse renamed =
      AsAdmin("PATCH", "/admin/v1/workspaces/customer-experience", R"({"name":"CX"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(OrgText(Json(renamed.body)["workspace"]["name"]), "CX");
  EXPECT_EQ(AsAdmin("PATCH", "/admin/v1/workspaces/nope", R"({"name":"x"})").status, 404);
  EXPECT_EQ(AsAdmin("PATCH", "/admin/v1/teams/support", R"({"name":"Care"})").status, 200);

  const ApiResponse listed = AsAdmin("GET", "/admin/v1/teams");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(OrgText(Json(listed.body)["teams"].at(0)["name"]), "Care");

  // A workspace with a team is not deleted; without, it is.
  const ApiResponse busy = AsAdmin("DELETE", "/admin/v1/workspaces/customer-experience");
  EXPECT_EQ(busy.status, 409);
  EXPECT_NE(busy.body.find("workspace_has_teams"), std::string::npos) << busy.body;
  EXPECT_EQ(AsAdmin("DELETE", "/admin/v1/teams/support").status, 200);
  EXPECT_EQ(AsAdmin("DELETE", "/admin/v1/teams/support").status, 404);
  EXPECT_EQ(AsAdmin("DELETE", "/admin/v1/workspaces/customer-experience").status, 200);
  EXPECT_EQ(Json(AsAdmin("GET", "/admin/v1/workspaces").body)["workspaces"].get_array().size(), 0u);

  const std::vector<AuditEntry> audit = Audit();
  ASSERT_GE(audit.size(), 6u);
  EXPECT_EQ(audit[0].action, "workspace.delete");
  EXPECT_EQ(audit[0].actor, "user:root");
  EXPECT_EQ(audit[0].after_json, "");
  EXPECT_EQ(audit[1].action, "team.delete");
  EXPECT_EQ(audit[2].action, "team.update");
  EXPECT_NE(audit[2].before_json.find("Support"), std::string::npos);
  EXPECT_NE(audit[2].after_json.find("Care"), std::string::npos);
  EXPECT_EQ(audit[3].action, "workspace.update");
  EXPECT_EQ(audit[4].action, "team.create");
  EXPECT_EQ(audit[5].action, "workspace.create");
}

TEST_F(AdminOrgTest, BulkAssignIsAllOrNone) {
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/workspaces", R"({"id":"cx","name":"CX"})").status, 201);
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/teams", R"({"id":"care","workspace_id":"cx","name":"Care"})")
                .status,
            201);
  const size_t audited = Audit().size();

  const ApiResponse unknown =
      AsAdmin("POST", "/admin/v1/projects/assign",
              R"({"projects":[{"source_app":"shop","external_id":"checkout"},
                      {"source_app":"shop","external_id":"nope"}],
          "workspace_id":"cx","team_id":"care"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find(R"("field":"projects[1]")"), std::string::npos) << unknown.body;
  EXPECT_EQ(Audit().size(), audited);
  EXPECT_EQ(Json(AsAdmin("GET", "/admin/v1/projects?unassigned=true").body)["projects"]
                .get_array()
                .size(),
            3u);

  const ApiResponse assigned =
      AsAdmin("POST", "/admin/v1/projects/assign",
              R"({"projects":[{"source_app":"shop","external_id":"checkout"},
                      {"source_app":"shop","external_id":"search"}],
          "workspace_id":"cx","team_id":"care"})");
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  const ApiResponse left = AsAdmin("GET", "/admin/v1/projects?unassigned=true");
  ASSERT_EQ(Json(left.body)["projects"].get_array().size(), 1u);
  EXPECT_EQ(OrgText(Json(left.body)["projects"].at(0)["external_id"]), "support-bot");
  const ApiResponse in_cx = AsAdmin("GET", "/admin/v1/projects?workspace=cx");
  EXPECT_EQ(Json(in_cx.body)["projects"].get_array().size(), 2u);
  EXPECT_EQ(OrgText(Json(in_cx.body)["projects"].at(0)["team_id"]), "care");

  const std::vector<AuditEntry> audit = Audit();
  EXPECT_EQ(audit[0].action, "project.assign");
  EXPECT_NE(audit[0].before_json.find("checkout"), std::string::npos);

  // Projects assigned to a workspace keep it from being deleted; a team of another workspace is
  // refused.
  const ApiResponse busy = AsAdmin("DELETE", "/admin/v1/teams/care");
  EXPECT_EQ(busy.status, 409);
  EXPECT_NE(busy.body.find("team_has_projects"), std::string::npos) << busy.body;
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/workspaces", R"({"id":"ops","name":"Ops"})").status, 201);
  const ApiResponse elsewhere =
      AsAdmin("PATCH", "/admin/v1/projects/shop/support-bot",
              R"({"workspace_id":"ops","team_id":"care","name":"Support bot"})");
  EXPECT_EQ(elsewhere.status, 400);
  EXPECT_NE(elsewhere.body.find(R"("field":"team_id")"), std::string::npos) << elsewhere.body;
  const ApiResponse patched = AsAdmin("PATCH", "/admin/v1/projects/shop/support-bot",
                                      R"({"workspace_id":"ops","name":"Support bot"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(OrgText(Json(patched.body)["project"]["name"]), "Support bot");
  EXPECT_EQ(AsAdmin("PATCH", "/admin/v1/projects/shop/nope", R"({"name":"x"})").status, 404);
}

TEST_F(AdminOrgTest, UsersAreBulkAssignedAllOrNone) {
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/workspaces", R"({"id":"cx","name":"CX"})").status, 201);
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/workspaces", R"({"id":"ops","name":"Ops"})").status, 201);
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/teams", R"({"id":"care","workspace_id":"cx","name":"Care"})")
                .status,
            201);
  const size_t audited = Audit().size();
  constexpr std::string_view kBoth =
      R"([{"source_app":"shop","external_id":"u-1"},{"source_app":"shop","external_id":"u-2"}])";

  // Each refusal names its field and changes nothing.
  struct Refused {
    std::string body;
    std::string field;
    std::string code;
  };
  for (const Refused& refused : {
           Refused{R"({"users":[{"source_app":"shop","external_id":"u-1"},
                    {"source_app":"shop","external_id":"u-9"}],"workspace_id":"cx"})",
                   "users[1]", "user_not_found"},
           Refused{R"({"users":)" + std::string(kBoth) + R"(,"workspace_id":"nope"})",
                   "workspace_id", "invalid_field"},
           Refused{
               R"({"users":)" + std::string(kBoth) + R"(,"workspace_id":"ops","team_id":"care"})",
               "team_id", "invalid_field"},
           Refused{
               R"({"users":)" + std::string(kBoth) + R"(,"workspace_id":"cx","team_id":"nope"})",
               "team_id", "invalid_field"},
           Refused{R"({"users":)" + std::string(kBoth) + R"(,"workspace_id":"","team_id":"care"})",
                   "workspace_id", "invalid_field"},
           // The body's own shape: invalid_request, as every admin body says.
           Refused{R"({"users":[],"workspace_id":"cx"})", "users", "invalid_request"},
           Refused{R"({"projects":)" + std::string(kBoth) + R"(,"workspace_id":"cx"})", "projects",
                   "invalid_request"},
       }) {
    const ApiResponse answer = AsAdmin("POST", "/admin/v1/users/assign", refused.body);
    EXPECT_EQ(answer.status, 400) << refused.body;
    EXPECT_NE(answer.body.find(R"("field":")" + refused.field + '"'), std::string::npos)
        << answer.body;
    EXPECT_NE(answer.body.find(R"("code":")" + refused.code + '"'), std::string::npos)
        << answer.body;
  }
  EXPECT_EQ(Audit().size(), audited);
  EXPECT_EQ(
      Json(AsAdmin("GET", "/admin/v1/users?unassigned=true").body)["users"].get_array().size(), 2u);

  const ApiResponse assigned =
      AsAdmin("POST", "/admin/v1/users/assign",
              R"({"users":)" + std::string(kBoth) + R"(,"workspace_id":"cx","team_id":"care"})");
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(assigned.body, R"({"assigned":{"workspace_id":"cx","team_id":"care","count":2}})");
  EXPECT_EQ(
      Json(AsAdmin("GET", "/admin/v1/users?unassigned=true").body)["users"].get_array().size(), 0u);
  const ApiResponse in_cx = AsAdmin("GET", "/admin/v1/users?workspace=cx");
  ASSERT_EQ(Json(in_cx.body)["users"].get_array().size(), 2u);
  EXPECT_EQ(OrgText(Json(in_cx.body)["users"].at(1)["team_id"]), "care");
  EXPECT_EQ(Json(AsAdmin("GET", "/admin/v1/users?workspace=nope").body)["users"].get_array().size(),
            0u);
  // Bulk assignment leaves the names alone.
  const std::optional<UserRecord> ann =
      std::get<std::optional<UserRecord>>(h_.store().FindUser("shop", "u-1"));
  ASSERT_TRUE(ann);
  EXPECT_EQ(ann->full_name, "Ann Lee");
  EXPECT_EQ(ann->workspace_id, "cx");
  EXPECT_EQ(ann->team_id, "care");

  // One audit row: every user as it was, the place they all went.
  const std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), audited + 1);
  EXPECT_EQ(audit[0].action, "user.assign");
  EXPECT_EQ(audit[0].actor, "user:root");
  EXPECT_EQ(audit[0].object_id, "cx");
  EXPECT_EQ(audit[0].before_json,
            R"([{"source_app":"shop","external_id":"u-1","email":"ann@example.com",)"
            R"("full_name":"Ann Lee","workspace_id":"","team_id":""},)"
            R"({"source_app":"shop","external_id":"u-2","email":"","full_name":"Bob",)"
            R"("workspace_id":"","team_id":""}])");
  EXPECT_EQ(audit[0].after_json, R"({"workspace_id":"cx","team_id":"care","count":2})");

  // Users keep their team and workspace from being deleted, and move with their team.
  const ApiResponse team_busy = AsAdmin("DELETE", "/admin/v1/teams/care");
  EXPECT_EQ(team_busy.status, 409);
  EXPECT_NE(team_busy.body.find("team_has_users"), std::string::npos) << team_busy.body;
  ASSERT_EQ(AsAdmin("PATCH", "/admin/v1/teams/care", R"({"workspace_id":"ops"})").status, 200);
  EXPECT_EQ(std::get<std::optional<UserRecord>>(h_.store().FindUser("shop", "u-2"))->workspace_id,
            "ops");
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/users/assign",
                    R"({"users":[{"source_app":"shop","external_id":"u-2"}],"workspace_id":"cx"})")
                .status,
            200);
  const ApiResponse workspace_busy = AsAdmin("DELETE", "/admin/v1/workspaces/cx");
  EXPECT_EQ(workspace_busy.status, 409);
  EXPECT_NE(workspace_busy.body.find("workspace_has_users"), std::string::npos)
      << workspace_busy.body;

  // Back to Unassigned: workspace "" and team "".
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/users/assign",
                    R"({"users":)" + std::string(kBoth) + R"(,"workspace_id":""})")
                .status,
            200);
  EXPECT_EQ(
      Json(AsAdmin("GET", "/admin/v1/users?unassigned=true").body)["users"].get_array().size(), 2u);
  EXPECT_EQ(AsAdmin("DELETE", "/admin/v1/workspaces/cx").status, 200);
}

TEST_F(AdminOrgTest, TeamsAreListedByWorkspace) {
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/workspaces", R"({"id":"cx","name":"CX"})").status, 201);
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/workspaces", R"({"id":"ops","name":"Ops"})").status, 201);
  for (const char* team : {R"({"id":"care","workspace_id":"cx","name":"Care"})",
                           R"({"id":"infra","workspace_id":"ops","name":"Infra"})",
                           R"({"id":"sales","workspace_id":"cx","name":"Sales"})"}) {
    ASSERT_EQ(AsAdmin("POST", "/admin/v1/teams", team).status, 201) << team;
  }
  const ApiResponse cx = AsAdmin("GET", "/admin/v1/teams?workspace=cx");
  ASSERT_EQ(cx.status, 200) << cx.body;
  ASSERT_EQ(Json(cx.body)["teams"].get_array().size(), 2u);
  EXPECT_EQ(OrgText(Json(cx.body)["teams"].at(0)["id"]), "care");
  EXPECT_EQ(OrgText(Json(cx.body)["teams"].at(1)["id"]), "sales");
  // An unknown workspace has no teams, as it has no projects.
  const ApiResponse nope = AsAdmin("GET", "/admin/v1/teams?workspace=nope");
  ASSERT_EQ(nope.status, 200) << nope.body;
  EXPECT_EQ(nope.body, R"({"teams":[]})");
  EXPECT_EQ(Json(AsAdmin("GET", "/admin/v1/teams").body)["teams"].get_array().size(), 3u);
}

TEST_F(AdminOrgTest, ListsPageByCursor) {
  const ApiResponse first = AsAdmin("GET", "/admin/v1/projects?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  const Json page(first.body);
  ASSERT_EQ(page["projects"].get_array().size(), 2u);
  const std::string next = OrgText(page["next"]);
  const ApiResponse second = AsAdmin("GET", "/admin/v1/projects?limit=2&after=" + next);
  ASSERT_EQ(second.status, 200) << second.body;
  const Json rest(second.body);
  ASSERT_EQ(rest["projects"].get_array().size(), 1u);
  EXPECT_EQ(OrgText(rest["projects"].at(0)["external_id"]), "support-bot");
  EXPECT_TRUE(rest["next"].is_null());
  EXPECT_EQ(AsAdmin("GET", "/admin/v1/projects?after=zz").status, 400);
}

TEST_F(AdminOrgTest, UsersAreSearchedAndEdited) {
  const ApiResponse found = AsAdmin("GET", "/admin/v1/users?q=ANN");
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(Json(found.body)["users"].get_array().size(), 1u);
  EXPECT_EQ(OrgText(Json(found.body)["users"].at(0)["external_id"]), "u-1");
  EXPECT_EQ(Json(AsAdmin("GET", "/admin/v1/users").body)["users"].get_array().size(), 2u);

  const ApiResponse patched = AsAdmin("PATCH", "/admin/v1/users/shop/u-2",
                                      R"({"full_name":"Bob Stone","email":"bob@example.com"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  const std::optional<UserRecord> bob =
      std::get<std::optional<UserRecord>>(h_.store().FindUser("shop", "u-2"));
  ASSERT_TRUE(bob);
  EXPECT_EQ(bob->full_name, "Bob Stone");
  EXPECT_EQ(bob->email, "bob@example.com");
  EXPECT_EQ(AsAdmin("PATCH", "/admin/v1/users/shop/u-9", R"({"full_name":"x"})").status, 404);
  const ApiResponse unknown_field =
      AsAdmin("PATCH", "/admin/v1/users/shop/u-2", R"({"nickname":"x"})");
  EXPECT_EQ(unknown_field.status, 400);
  EXPECT_NE(unknown_field.body.find(R"("field":"nickname")"), std::string::npos);
  EXPECT_EQ(Audit()[0].action, "user.update");
  EXPECT_EQ(Audit()[0].object_id, "shop/u-2");
}

TEST_F(AdminOrgTest, AViewerReadsButChangesNothing) {
  EXPECT_EQ(As(viewer_, "GET", "/admin/v1/workspaces").status, 200);
  EXPECT_EQ(As(viewer_, "GET", "/admin/v1/users").status, 200);
  const ApiResponse refused =
      As(viewer_, "POST", "/admin/v1/workspaces", R"({"id":"cx","name":"CX"})");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("forbidden_role"), std::string::npos) << refused.body;
  EXPECT_EQ(As(viewer_, "PATCH", "/admin/v1/users/shop/u-1", R"({"full_name":"x"})").status, 403);
  const size_t audited = Audit().size();
  const ApiResponse assign =
      As(viewer_, "POST", "/admin/v1/users/assign",
         R"({"users":[{"source_app":"shop","external_id":"u-1"}],"workspace_id":""})");
  EXPECT_EQ(assign.status, 403);
  EXPECT_NE(assign.body.find("forbidden_role"), std::string::npos) << assign.body;
  EXPECT_EQ(Audit().size(), audited);
  // An admin key works like an admin session.
  const std::string key = h_.MakeKey("admin");
  EXPECT_EQ(h_.Post("/admin/v1/workspaces", key, R"({"id":"cx","name":"CX"})").status, 201);
  EXPECT_EQ(Audit()[0].actor.rfind("key:", 0), 0u);
}

TEST_F(AdminOrgTest, LaterEventsOfAnAssignedProjectTakeItsPlace) {
  const std::string ship = h_.MakeKey("ship", "video-accessibility");
  const std::string unlabelled =
      Replace(Replace(ExampleEvent("0190a7c2-0000-7000-8000-000000000001"),
                      R"("workspace": "ford")", R"("workspace": "")"),
              R"("team": "video")", R"("team": "")");
  ASSERT_EQ(h_.Post("/v1/usage/batch", ship, Batch({unlabelled})).status, 200);
  EXPECT_EQ(StoredEvent(h_.store(), "0190a7c2-0000-7000-8000-000000000001").workspace, "");

  ASSERT_EQ(AsAdmin("POST", "/admin/v1/workspaces", R"({"id":"cx","name":"CX"})").status, 201);
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/teams", R"({"id":"care","workspace_id":"cx","name":"Care"})")
                .status,
            201);
  ASSERT_EQ(AsAdmin("POST", "/admin/v1/projects/assign",
                    R"({"projects":[{"source_app":"video-accessibility","external_id":"p-7"}],
                        "workspace_id":"cx","team_id":"care"})")
                .status,
            200);
  const std::string later = Replace(unlabelled, "0190a7c2-0000-7000-8000-000000000001",
                                    "0190a7c2-0000-7000-8000-000000000002");
  ASSERT_EQ(h_.Post("/v1/usage/batch", ship, Batch({later})).status, 200);
  const Event stored = StoredEvent(h_.store(), "0190a7c2-0000-7000-8000-000000000002");
  EXPECT_EQ(stored.workspace, "cx");
  EXPECT_EQ(stored.team, "care");
  // History stays as sent; an event that names its own workspace keeps it.
  EXPECT_EQ(StoredEvent(h_.store(), "0190a7c2-0000-7000-8000-000000000001").workspace, "");
  ASSERT_EQ(h_.Post("/v1/usage/batch", ship,
                    Batch({ExampleEvent("0190a7c2-0000-7000-8000-000000000003")}))
                .status,
            200);
  EXPECT_EQ(StoredEvent(h_.store(), "0190a7c2-0000-7000-8000-000000000003").workspace, "ford");
}

}  // namespace
}  // namespace costgate::central::testing
