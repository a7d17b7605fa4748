// /admin/v1/accounts and /admin/v1/keys: changes by a session or an admin key, each in the audit
// log with its actor, and never a password hash or a key's secret in an answer or the log.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/central/api/api_harness.h"
#include "tests/unit/central/api/session_helpers.h"

namespace costgate::central::testing {
namespace {

std::string AcctText(const simdjson::dom::element& e) { return std::string(std::string_view(e)); }

class AdminAccountsTest : public ::testing::Test {
 protected:
  AdminAccountsTest() {
    AddAccount(h_.store(), "root", Role::kAdmin, "root-password");
    admin_ = SignIn(h_.api(), "root", "root-password");
  }

  ApiResponse AsAdmin(std::string_view method, std::string_view path, std::string_view body = "") {
    return Send(h_.api(), {.method = method,
                           .path = path,
                           .body = body,
                           .cookie = admin_.cookie,
                           .csrf = admin_.csrf});
  }

  std::vector<AuditEntry> Audit() {
    return std::get<std::vector<AuditEntry>>(h_.store().ListAudit(100, std::nullopt));
  }

  ApiHarness h_;
  Browser admin_;
};

TEST_F(AdminAccountsTest, CreateListPatchAndDeleteAnAccount) {
  const ApiResponse made =
      AsAdmin("POST", "/admin/v1/accounts", R"({"username":"ann","password":"ann-password-1"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(AcctText(Json(made.body)["account"]["role"]), "viewer");  // the default
  EXPECT_EQ(made.body.find("scrypt"), std::string::npos) << made.body;
  EXPECT_EQ(AsAdmin("POST", "/admin/v1/accounts",
                    R"({"username":"ann","password":"ann-password-1","role":"admin"})")
                .status,
            409);
  EXPECT_EQ(
      AsAdmin("POST", "/admin/v1/accounts", R"({"username":"bob","password":"short"})").status,
      400);
  EXPECT_EQ(Login(h_.api(), "ann", "ann-password-1").status, 200);

  const ApiResponse listed = AsAdmin("GET", "/admin/v1/accounts");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Json(listed.body)["accounts"].get_array().size(), 2u);
  EXPECT_EQ(listed.body.find("scrypt"), std::string::npos);

  const ApiResponse patched =
      AsAdmin("PATCH", "/admin/v1/accounts/ann", R"({"role":"admin","password":"ann-password-2"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(AcctText(Json(patched.body)["account"]["role"]), "admin");
  EXPECT_EQ(Login(h_.api(), "ann", "ann-password-1").status, 401);
  EXPECT_EQ(Login(h_.api(), "ann", "ann-password-2").status, 200);
  EXPECT_EQ(AsAdmin("PATCH", "/admin/v1/accounts/nobody", R"({"role":"admin"})").status, 404);

  EXPECT_EQ(AsAdmin("DELETE", "/admin/v1/accounts/ann").status, 200);
  EXPECT_EQ(AsAdmin("DELETE", "/admin/v1/accounts/ann").status, 404);
  EXPECT_EQ(Login(h_.api(), "ann", "ann-password-2").status, 401);

  const std::vector<AuditEntry> audit = Audit();
  ASSERT_GE(audit.size(), 3u);
  EXPECT_EQ(audit[0].action, "account.delete");
  EXPECT_EQ(audit[0].actor, "user:root");
  EXPECT_EQ(audit[0].object_id, "ann");
  EXPECT_EQ(audit[1].action, "account.password");
  EXPECT_EQ(audit[2].action, "account.create");
  for (const AuditEntry& entry : audit) {
    EXPECT_EQ(entry.before_json.find("scrypt"), std::string::npos) << entry.before_json;
    EXPECT_EQ(entry.after_json.find("scrypt"), std::string::npos) << entry.after_json;
  }
}

TEST_F(AdminAccountsTest, TheLastAdminCannotGo) {
  const ApiResponse demoted = AsAdmin("PATCH", "/admin/v1/accounts/root", R"({"role":"viewer"})");
  EXPECT_EQ(demoted.status, 409) << demoted.body;
  EXPECT_EQ(AsAdmin("DELETE", "/admin/v1/accounts/root").status, 409);
}

TEST_F(AdminAccountsTest, KeysAreMadeShownOnceListedAndRevoked) {
  const ApiResponse made =
      AsAdmin("POST", "/admin/v1/keys",
              R"({"name":"ops","source_app":"","scopes":["admin"],"workspace":null})");
  ASSERT_EQ(made.status, 201) << made.body;
  const Json body(made.body);
  const std::string secret = AcctText(body["secret"]);
  const std::string id = AcctText(body["key"]["id"]);
  EXPECT_EQ(AcctText(body["key"]["scopes"].at(0)), "admin");
  EXPECT_TRUE(body["key"]["last_used_unix_ms"].is_null());
  EXPECT_EQ(AsAdmin("POST", "/admin/v1/keys", R"({"name":"ops","source_app":"","scopes":["ship"]})")
                .status,
            409);
  EXPECT_EQ(
      AsAdmin("POST", "/admin/v1/keys", R"({"name":"x","source_app":"","scopes":["root"]})").status,
      400);

  // The new key works, and its changes are audited as the key.
  const ApiResponse by_key = Send(h_.api(), {.method = "POST",
                                             .path = "/admin/v1/keys",
                                             .body = R"({"name":"app","source_app":"my-app",
                                                       "scopes":["ship","record"]})",
                                             .key = secret});
  ASSERT_EQ(by_key.status, 201) << by_key.body;

  const ApiResponse listed = AsAdmin("GET", "/admin/v1/keys");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  EXPECT_EQ(Json(listed.body)["keys"].get_array().size(), 2u);

  const ApiResponse revoked = AsAdmin("DELETE", "/admin/v1/keys/" + id);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(int64_t(Json(revoked.body)["key"]["revoked_unix_ms"]), kNow);
  EXPECT_EQ(h_.Get("/admin/v1/keys", secret).status, 401);
  EXPECT_EQ(AsAdmin("DELETE", "/admin/v1/keys/key_000000000000").status, 404);

  const std::vector<AuditEntry> audit = Audit();
  ASSERT_GE(audit.size(), 3u);
  EXPECT_EQ(audit[0].action, "key.revoke");
  EXPECT_EQ(audit[0].actor, "user:root");
  EXPECT_EQ(audit[1].action, "key.create");
  EXPECT_EQ(audit[1].actor, "key:" + id);
  EXPECT_EQ(audit[2].actor, "user:root");
  for (const AuditEntry& entry : audit) {
    EXPECT_EQ(entry.after_json.find(secret), std::string::npos);
    EXPECT_EQ(entry.after_json.find("hash"), std::string::npos) << entry.after_json;
  }
}

}  // namespace
}  // namespace costgate::central::testing
