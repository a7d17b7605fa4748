#include "tests/unit/central/api/session_helpers.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "central/keys/password_hash.h"

namespace costgate::central::testing {

std::string TestPasswordHash(std::string_view password) {
  return HashPassword(password, {1024, 8, 1});
}

void AddAccount(Store& store, std::string_view username, Role role, std::string_view password) {
  const Account account{std::string(username), role, TestPasswordHash(password), kNow, kNow};
  const AuditEntry audit{0, kNow, "test", "account.create", account.username, "", ""};
  StoreResult<AccountChange> made = store.CreateAccount(account, audit);
  if (!std::holds_alternative<AccountChange>(made) ||
      std::get<AccountChange>(made) != AccountChange::kDone) {
    throw std::runtime_error("cannot add account " + account.username);
  }
}

ApiResponse Send(Api& api, const SessionCall& call) {
  ApiRequest request(call.method, call.path, call.key, call.body, call.now);
  request.cookie = call.cookie;
  request.csrf_token = call.csrf;
  request.forwarded_proto = call.forwarded_proto;
  request.client_address = call.client;
  return api.Handle(request);
}

ApiResponse Login(Api& api, std::string_view username, std::string_view password,
                  std::string_view client, int64_t now) {
  const std::string body = R"({"username":")" + std::string(username) + R"(","password":")" +
                           std::string(password) + R"("})";
  return Send(
      api,
      {.method = "POST", .path = "/admin/v1/session", .body = body, .client = client, .now = now});
}

Browser BrowserFrom(const ApiResponse& signed_in) {
  const std::string set_cookie = HeaderValue(signed_in, "Set-Cookie");
  EXPECT_FALSE(set_cookie.empty()) << signed_in.status << " " << signed_in.body;
  Browser browser;
  browser.cookie = set_cookie.substr(0, set_cookie.find(';'));
  if (!signed_in.body.empty() && signed_in.body.front() == '{') {
    const Json json(signed_in.body);
    browser.csrf = std::string(std::string_view(json["csrf_token"]));
  }
  return browser;
}

Browser SignIn(Api& api, std::string_view username, std::string_view password) {
  const ApiResponse response = Login(api, username, password);
  EXPECT_EQ(response.status, 200) << response.body;
  return BrowserFrom(response);
}

}  // namespace costgate::central::testing
