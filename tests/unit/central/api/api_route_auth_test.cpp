// Every route of the table, enumerated (routes.h AllRoutes): each /admin/v1 route but sign-in
// and setup refuses a request without credentials, and each state change of one refuses a
// viewer's session. A route added later is covered without touching this file.
#include <gtest/gtest.h>

#include <string>

#include "central/api/routes.h"
#include "tests/unit/central/api/api_harness.h"
#include "tests/unit/central/api/session_helpers.h"

namespace costgate::central::testing {
namespace {

// The pattern with each {capture} filled in: "/admin/v1/budgets/{id}" -> "/admin/v1/budgets/x".
std::string RoutePath(std::string_view pattern) {
  std::string path;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      path += "x";
      i = pattern.find('}', i);
      continue;
    }
    path += pattern[i];
  }
  return path;
}

bool IsAdminRoute(const RouteSpec& spec) { return spec.pattern.starts_with("/admin/v1/"); }

std::string RouteErrorCode(const ApiResponse& r) {
  return std::string(std::string_view(Json(r.body)["error"]["code"]));
}

TEST(RouteAuthTest, TheOpenAdminRoutesAreSignInAndSetupOnly) {
  for (const RouteSpec& spec : AllRoutes()) {
    if (IsAdminRoute(spec) && !spec.scope) {
      EXPECT_TRUE((spec.pattern == "/admin/v1/session" && spec.method == "POST") ||
                  spec.pattern == "/admin/v1/setup")
          << spec.method << " " << spec.pattern << " needs neither a key nor a session";
    }
    if (IsAdminRoute(spec) && spec.scope) {
      EXPECT_EQ(*spec.scope, Scope::kAdmin) << spec.pattern;
      EXPECT_TRUE(AcceptsSession(spec)) << spec.pattern;
    }
  }
}

TEST(RouteAuthTest, EveryAdminRouteRefusesARequestWithoutCredentials) {
  ApiHarness h;
  int checked = 0;
  for (const RouteSpec& spec : AllRoutes()) {
    if (!IsAdminRoute(spec) || !spec.scope) {
      continue;
    }
    const std::string path = RoutePath(spec.pattern);
    const ApiResponse bare = Send(h.api(), {.method = spec.method, .path = path, .body = "{}"});
    EXPECT_EQ(bare.status, 401) << spec.method << " " << path << ": " << bare.body;
    EXPECT_EQ(RouteErrorCode(bare), "unauthenticated") << spec.method << " " << path;
    const ApiResponse forged = Send(h.api(), {.method = spec.method,
                                              .path = path,
                                              .body = "{}",
                                              .cookie = "costgate_session=forged",
                                              .csrf = "forged"});
    EXPECT_EQ(forged.status, 401) << spec.method << " " << path << ": " << forged.body;
    const ApiResponse ingest_key =
        Send(h.api(), {.method = spec.method, .path = path, .body = "{}", .key = h.MakeKey("all")});
    EXPECT_EQ(ingest_key.status, 403) << spec.method << " " << path << ": " << ingest_key.body;
    ++checked;
  }
  EXPECT_GE(checked, 15);
}

TEST(RouteAuthTest, EveryAdminStateChangeRefusesAViewerSession) {
  ApiHarness h;
  AddAccount(h.store(), "watcher", Role::kViewer, "watcher-password");
  const Browser viewer = SignIn(h.api(), "watcher", "watcher-password");
  int checked = 0;
  for (const RouteSpec& spec : AllRoutes()) {
    // Logout is the one change every role may make: sent, it would end the viewer's session.
    if (!IsAdminRoute(spec) || !spec.scope || spec.any_role) {
      continue;
    }
    const std::string path = RoutePath(spec.pattern);
    const ApiResponse r = Send(h.api(), {.method = spec.method,
                                         .path = path,
                                         .body = "{}",
                                         .cookie = viewer.cookie,
                                         .csrf = viewer.csrf});
    if (spec.method == "GET") {
      EXPECT_NE(r.status, 401) << spec.method << " " << path << ": " << r.body;
      EXPECT_NE(r.status, 403) << spec.method << " " << path << ": " << r.body;
      continue;
    }
    EXPECT_EQ(r.status, 403) << spec.method << " " << path << ": " << r.body;
    EXPECT_EQ(RouteErrorCode(r), "forbidden_role") << spec.method << " " << path;
    ++checked;
  }
  EXPECT_GE(checked, 8);
}

}  // namespace
}  // namespace costgate::central::testing
