// People signing in: the session cookie and its attributes, CSRF on state changes, roles, logout,
// expiry, login rate limits and the one-time setup token (central/api/session_auth.h).
#include <gtest/gtest.h>

#include "base/sha256.h"
#include "central/api/session_auth.h"
#include "tests/unit/central/api/api_harness.h"
#include "tests/unit/central/api/session_helpers.h"

namespace costgate::central::testing {
namespace {

std::string SessErrorCode(const ApiResponse& r) {
  if (r.body.empty()) {
    return "";
  }
  return std::string(std::string_view(Json(r.body)["error"]["code"]));
}

class SessionApiTest : public ::testing::Test {
 protected:
  SessionApiTest() {
    AddAccount(h_.store(), "root", Role::kAdmin, "root-password");
    AddAccount(h_.store(), "val", Role::kViewer, "viewer-password");
  }

  ApiHarness h_;
};

TEST_F(SessionApiTest, SignInAnswersTheUserAndSetsAStrictHttpOnlyCookie) {
  const ApiResponse r = Login(h_.api(), "root", "root-password");
  ASSERT_EQ(r.status, 200) << r.body;
  const Json body(r.body);
  EXPECT_EQ(std::string_view(body["user"]["username"]), "root");
  EXPECT_EQ(std::string_view(body["user"]["role"]), "admin");
  EXPECT_EQ(std::string_view(body["csrf_token"]).size(), 43u);
  EXPECT_EQ(int64_t(body["expires_unix_ms"]), kNow + kSessionIdleMs);
  const std::string cookie = HeaderValue(r, "Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("costgate_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Max-Age=604800"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;  // plain HTTP: no Secure
  EXPECT_EQ(HeaderValue(r, "Cache-Control"), "no-store");
  // The store keeps the token's hash only.
  const std::string token = cookie.substr(17, cookie.find(';') - 17);
  EXPECT_FALSE(std::get<std::optional<Session>>(h_.store().FindSession(token)));
  EXPECT_TRUE(std::get<std::optional<Session>>(h_.store().FindSession(base::Sha256Hex(token))));
}

TEST_F(SessionApiTest, TheCookieIsSecureBehindATlsProxy) {
  const ApiResponse r = Send(h_.api(), {.method = "POST",
                                        .path = "/admin/v1/session",
                                        .body = R"({"username":"root","password":"root-password"})",
                                        .forwarded_proto = "https"});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(HeaderValue(r, "Set-Cookie").find("; Secure"), std::string::npos);
  const Browser b = BrowserFrom(r);
  const ApiResponse out = Send(h_.api(), {.method = "DELETE",
                                          .path = "/admin/v1/session",
                                          .cookie = b.cookie,
                                          .csrf = b.csrf,
                                          .forwarded_proto = "HTTPS"});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(HeaderValue(out, "Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(SessionApiTest, UnknownUserAndWrongPasswordAnswerAlike) {
  const ApiResponse unknown = Login(h_.api(), "nobody", "root-password");
  const ApiResponse wrong = Login(h_.api(), "root", "not-the-password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(SessErrorCode(unknown), "invalid_credentials");
  EXPECT_EQ(unknown.body, wrong.body);
  EXPECT_TRUE(HeaderValue(wrong, "Set-Cookie").empty());
}

TEST_F(SessionApiTest, GetSessionAnswersTheSignInBodyWithoutANewCookie) {
  const Browser b = SignIn(h_.api(), "val", "viewer-password");
  const ApiResponse r = Send(h_.api(), {.path = "/admin/v1/session", .cookie = b.cookie});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(std::string_view(Json(r.body)["user"]["role"]), "viewer");
  EXPECT_EQ(std::string_view(Json(r.body)["csrf_token"]), b.csrf);
  EXPECT_TRUE(HeaderValue(r, "Set-Cookie").empty());
  EXPECT_EQ(Send(h_.api(), {.path = "/admin/v1/session"}).status, 401);
  EXPECT_EQ(
      Send(h_.api(), {.path = "/admin/v1/session", .cookie = "costgate_session=forged"}).status,
      401);
}

TEST_F(SessionApiTest, AStateChangeNeedsTheSessionsCsrfToken) {
  const Browser b = SignIn(h_.api(), "root", "root-password");
  const SessionCall change{
      .method = "POST", .path = "/admin/v1/budgets", .body = "{}", .cookie = b.cookie};
  const ApiResponse missing = Send(h_.api(), change);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(SessErrorCode(missing), "csrf_token_missing");
  SessionCall wrong = change;
  wrong.csrf = "not-the-token";
  EXPECT_EQ(SessErrorCode(Send(h_.api(), wrong)), "csrf_token_mismatch");
  SessionCall right = change;
  right.csrf = b.csrf;
  const ApiResponse passed = Send(h_.api(), right);
  EXPECT_EQ(passed.status, 400) << passed.body;  // admitted: the empty budget is refused
  // Reads need no token.
  EXPECT_EQ(Send(h_.api(), {.path = "/admin/v1/budgets", .cookie = b.cookie}).status, 200);
}

TEST_F(SessionApiTest, AViewerReadsButChangesNothing) {
  const Browser b = SignIn(h_.api(), "val", "viewer-password");
  EXPECT_EQ(Send(h_.api(), {.path = "/admin/v1/keys", .cookie = b.cookie}).status, 200);
  const ApiResponse refused = Send(h_.api(), {.method = "POST",
                                              .path = "/admin/v1/keys",
                                              .body = "{}",
                                              .cookie = b.cookie,
                                              .csrf = b.csrf});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(SessErrorCode(refused), "forbidden_role");
  // Signing out is the one change a viewer may make.
  EXPECT_EQ(
      Send(h_.api(),
           {.method = "DELETE", .path = "/admin/v1/session", .cookie = b.cookie, .csrf = b.csrf})
          .status,
      204);
}

TEST_F(SessionApiTest, LogoutEndsTheSessionAndClearsTheCookie) {
  const Browser b = SignIn(h_.api(), "root", "root-password");
  const ApiResponse no_token =
      Send(h_.api(), {.method = "DELETE", .path = "/admin/v1/session", .cookie = b.cookie});
  EXPECT_EQ(SessErrorCode(no_token), "csrf_token_missing");
  const ApiResponse out =
      Send(h_.api(),
           {.method = "DELETE", .path = "/admin/v1/session", .cookie = b.cookie, .csrf = b.csrf});
  EXPECT_EQ(out.status, 204);
  EXPECT_TRUE(out.body.empty());
  const std::string cleared = HeaderValue(out, "Set-Cookie");
  EXPECT_TRUE(cleared.starts_with("costgate_session=;")) << cleared;
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  const ApiResponse after = Send(h_.api(), {.path = "/admin/v1/session", .cookie = b.cookie});
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(SessErrorCode(after), "unauthenticated");
}

TEST_F(SessionApiTest, ASessionEndsWhenIdleAndAtItsAbsoluteEnd) {
  const Browser b = SignIn(h_.api(), "root", "root-password");
  const auto get = [&](int64_t now) {
    return Send(h_.api(), {.path = "/admin/v1/session", .cookie = b.cookie, .now = now}).status;
  };
  // Used every 11 hours it lives on, up to seven days after sign-in.
  int64_t now = kNow;
  while (now + 11 * 3'600'000 < kNow + kSessionLifetimeMs) {
    now += 11 * 3'600'000;
    ASSERT_EQ(get(now), 200) << (now - kNow) / 3'600'000 << " h";
  }
  EXPECT_EQ(get(kNow + kSessionLifetimeMs), 401);

  const Browser idle = SignIn(h_.api(), "val", "viewer-password");
  EXPECT_EQ(
      Send(h_.api(),
           {.path = "/admin/v1/session", .cookie = idle.cookie, .now = kNow + kSessionIdleMs - 1})
          .status,
      200);
  EXPECT_EQ(
      Send(h_.api(),
           {.path = "/admin/v1/session", .cookie = idle.cookie, .now = kNow + 2 * kSessionIdleMs})
          .status,
      401);
}

TEST_F(SessionApiTest, ADeletedAccountsSessionEndsAtOnce) {
  const Browser b = SignIn(h_.api(), "val", "viewer-password");
  const Browser admin = SignIn(h_.api(), "root", "root-password");
  ASSERT_EQ(Send(h_.api(), {.method = "DELETE",
                            .path = "/admin/v1/accounts/val",
                            .cookie = admin.cookie,
                            .csrf = admin.csrf})
                .status,
            200);
  EXPECT_EQ(Send(h_.api(), {.path = "/admin/v1/session", .cookie = b.cookie}).status, 401);
}

TEST_F(SessionApiTest, FailedSignInsPerUsernameAreLimited) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Login(h_.api(), "root", "wrong-" + std::to_string(i), "192.0.2.7").status, 401);
  }
  // Even the right password waits now, from any address.
  const ApiResponse limited = Login(h_.api(), "root", "root-password", "198.51.100.9");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(SessErrorCode(limited), "too_many_attempts");
  EXPECT_EQ(HeaderValue(limited, "Retry-After"), "900");
  // Another user is not held back; and after the window the user may try again.
  EXPECT_EQ(Login(h_.api(), "val", "viewer-password", "192.0.2.7").status, 200);
  EXPECT_EQ(Login(h_.api(), "root", "root-password", "192.0.2.7", kNow + 15 * 60'000).status, 200);
}

TEST_F(SessionApiTest, ASuccessResetsTheUsernamesCount) {
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(Login(h_.api(), "root", "wrong", "192.0.2.8").status, 401);
  }
  ASSERT_EQ(Login(h_.api(), "root", "root-password", "192.0.2.8").status, 200);
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(Login(h_.api(), "root", "wrong", "192.0.2.8").status, 401);
  }
  EXPECT_EQ(Login(h_.api(), "root", "root-password", "192.0.2.8").status, 200);
}

TEST_F(SessionApiTest, FailedSignInsPerAddressAreLimited) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(Login(h_.api(), "guess" + std::to_string(i), "pw-guess", "203.0.113.5").status, 401);
  }
  const ApiResponse limited = Login(h_.api(), "root", "root-password", "203.0.113.5");
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(HeaderValue(limited, "Retry-After").empty());
  EXPECT_EQ(Login(h_.api(), "root", "root-password", "203.0.113.6").status, 200);
}

TEST(SetupApiTest, TheSetupTokenCreatesTheFirstAdminOnce) {
  ApiHarness h;
  EXPECT_EQ(h.Get("/admin/v1/setup").body, R"({"needed":true})");
  ASSERT_FALSE(h.store().SetSetupToken(base::Sha256Hex("the-token"), kNow + 1000));
  const auto setup = [&](std::string_view token, std::string_view user, int64_t now = kNow) {
    const std::string body = R"({"token":")" + std::string(token) + R"(","username":")" +
                             std::string(user) + R"(","password":"first-password"})";
    return Send(h.api(), {.method = "POST", .path = "/admin/v1/setup", .body = body, .now = now});
  };
  const ApiResponse wrong = setup("another-token", "first");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(SessErrorCode(wrong), "invalid_setup_token");
  EXPECT_EQ(setup("the-token", "first", kNow + 1000).status, 403);  // expired
  const ApiResponse done = setup("the-token", "first");
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(std::string_view(Json(done.body)["user"]["role"]), "admin");
  const Browser b = BrowserFrom(done);
  EXPECT_EQ(Send(h.api(), {.path = "/admin/v1/session", .cookie = b.cookie}).status, 200);
  // Once only: the same token, or any, now meets an admin.
  EXPECT_EQ(setup("the-token", "second").status, 409);
  EXPECT_EQ(h.Get("/admin/v1/setup").body, R"({"needed":false})");
  EXPECT_EQ(Login(h.api(), "first", "first-password").status, 200);
}

}  // namespace
}  // namespace costgate::central::testing
