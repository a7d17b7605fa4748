// People signing in over real HTTP: `costgate central` prints the one-time setup link at its
// first start, `costgate admin create` makes an account that then signs in, and the browser's
// cookie and CSRF token gate the admin API (central/api/session_auth.h).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/integration/central_helpers.h"
#include "tests/integration/command_helpers.h"
#include "tests/integration/integration_fixture_helpers.h"

namespace costgate::integration {
namespace {

constexpr auto kAdminWait = std::chrono::seconds(20);

// The token of the setup link central printed on stdout; "" when none came within a few
// seconds.
std::string PrintedSetupToken(const CentralUnderTest& central) {
  constexpr std::string_view kMark = "/setup#token=";
  for (int i = 0; i < 50; ++i) {
    const std::string out = ReadFileOrEmpty(central.dir() / "costgate.stdout");
    if (const size_t at = out.find(kMark); at != std::string::npos) {
      const size_t start = at + kMark.size();
      return out.substr(start, out.find_first_of(" \n", start) - start);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return "";
}

HttpResponse Call(const CentralUnderTest& central, std::string method, std::string_view path,
                  std::vector<std::string> headers = {}, std::optional<std::string> body = {}) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = central.Url(path);
  request.headers = std::move(headers);
  if (body) {
    request.headers.push_back("Content-Type: application/json");
  }
  request.body = std::move(body);
  return Http(request);
}

TEST(AdminAuthTest, SetupLinkThenCliAccountSignsInOverHttp) {
  CentralUnderTest central;
  const std::string token = PrintedSetupToken(central);
  ASSERT_EQ(token.size(), 43u) << ReadFileOrEmpty(central.dir() / "costgate.stdout");
  EXPECT_EQ(Call(central, "GET", "/admin/v1/setup").body, R"({"needed":true})");

  const CommandResult made = RunCostgate(
      {"admin", "create", "--config", central.config_path().string(), "--user", "alice"},
      central.dir(), kAdminWait);
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string password = made.out.substr(0, made.out.find('\n'));
  ASSERT_EQ(password.size(), 24u) << made.out;
  EXPECT_EQ(Call(central, "GET", "/admin/v1/setup").body, R"({"needed":false})");
  // Setup is over once an admin exists, token or not.
  EXPECT_EQ(Call(central, "POST", "/admin/v1/setup", {},
                 R"({"token":")" + token + R"(","username":"eve","password":"eve-password"})")
                .status,
            409);

  const HttpResponse wrong = Call(central, "POST", "/admin/v1/session", {},
                                  R"({"username":"alice","password":"not-her-password"})");
  EXPECT_EQ(wrong.status, 401);
  const HttpResponse login = Call(central, "POST", "/admin/v1/session", {},
                                  R"({"username":"alice","password":")" + password + R"("})");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string set_cookie = login.Header("Set-Cookie").value_or("");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos) << set_cookie;
  const std::string cookie = "Cookie: " + set_cookie.substr(0, set_cookie.find(';'));
  const std::string csrf_mark = R"("csrf_token":")";
  const size_t at = login.body.find(csrf_mark) + csrf_mark.size();
  const std::string csrf = login.body.substr(at, login.body.find('"', at) - at);

  EXPECT_EQ(Call(central, "GET", "/admin/v1/budgets", {cookie}).status, 200);
  EXPECT_EQ(Call(central, "GET", "/admin/v1/budgets").status, 401);
  const HttpResponse no_csrf = Call(central, "POST", "/admin/v1/keys", {cookie},
                                    R"({"name":"k","source_app":"a","scopes":["ship"]})");
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_NE(no_csrf.body.find("csrf_token_missing"), std::string::npos) << no_csrf.body;
  const HttpResponse key =
      Call(central, "POST", "/admin/v1/keys", {cookie, "X-CSRF-Token: " + csrf},
           R"({"name":"k","source_app":"a","scopes":["ship"]})");
  EXPECT_EQ(key.status, 201) << key.body;

  const HttpResponse out =
      Call(central, "DELETE", "/admin/v1/session", {cookie, "X-CSRF-Token: " + csrf});
  EXPECT_EQ(out.status, 204);
  EXPECT_EQ(Call(central, "GET", "/admin/v1/session", {cookie}).status, 401);

  // The CLI's other subcommands on the same database.
  const CommandResult listed = RunCostgate(
      {"admin", "list", "--config", central.config_path().string()}, central.dir(), kAdminWait);
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find("alice"), std::string::npos) << listed.out;
  const CommandResult last = RunCostgate(
      {"admin", "delete", "--config", central.config_path().string(), "--user", "alice"},
      central.dir(), kAdminWait);
  EXPECT_EQ(last.exit_code, 1) << last.err;  // the last admin stays
}

}  // namespace
}  // namespace costgate::integration
