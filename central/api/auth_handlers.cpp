// People signing in: POST/GET/DELETE /admin/v1/session and GET/POST /admin/v1/setup
// (session_auth.h says how sessions work and are admitted).
#include <string>
#include <variant>

#include "base/sha256.h"
#include "central/api/account_json.h"
#include "central/api/handlers.h"
#include "central/api/session_auth.h"
#include "central/api/v1_body.h"
#include "central/keys/account_rules.h"
#include "central/keys/password_hash.h"

namespace costgate::central {
namespace {

using simdjson::dom::element;

struct Credentials {
  std::string token;  // setup only
  std::string username;
  std::string password;
};

constexpr auto kLoginRules = std::to_array<FieldRule<Credentials>>({
    {"username", [](element v, Credentials& in) { return ReadString(v, in.username); }, true},
    {"password", [](element v, Credentials& in) { return ReadString(v, in.password); }, true},
});

constexpr auto kSetupRules = std::to_array<FieldRule<Credentials>>({
    {"token", [](element v, Credentials& in) { return ReadString(v, in.token); }, true},
    {"username", [](element v, Credentials& in) { return ReadString(v, in.username); }, true},
    {"password", [](element v, Credentials& in) { return ReadString(v, in.password); }, true},
});

std::variant<Credentials, FieldError> ReadLogin(element root) {
  Credentials in;
  if (FieldStatus error = ReadObject(root, kLoginRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

std::variant<Credentials, FieldError> ReadSetup(element root) {
  Credentials in;
  if (FieldStatus error = ReadObject(root, kSetupRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  if (std::optional<std::string> problem = UsernameProblem(in.username)) {
    return FieldError{"username", *std::move(problem)};
  }
  if (std::optional<std::string> problem = PasswordProblem(in.password)) {
    return FieldError{"password", *std::move(problem)};
  }
  return in;
}

ApiResponse NoSession() {
  return ErrorResponse(401, "unauthenticated", "this route is for a browser session, not a key");
}

}  // namespace

ApiResponse HandleLogin(const Call& call, LoginThrottle& throttle) {
  std::variant<Credentials, ApiResponse> read =
      ReadV1Body<Credentials>(call.request.body, ReadLogin);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const Credentials& in = std::get<Credentials>(read);
  const int64_t now = call.request.now_unix_ms;
  const std::string_view address = call.request.client_address;
  if (const std::optional<int64_t> wait = throttle.RetryAfterSeconds(in.username, address, now)) {
    ApiResponse response =
        ErrorResponse(429, "too_many_attempts", "too many failed sign-ins: try again later");
    response.headers.push_back({"Retry-After", std::to_string(*wait)});
    return response;
  }
  StoreResult<std::optional<Account>> found = call.store.FindAccount(in.username);
  if (std::holds_alternative<StoreError>(found)) {
    return StoreUnavailable();
  }
  const std::optional<Account>& account = std::get<std::optional<Account>>(found);
  // An unknown user costs the same KDF work as a wrong password (VerifyPassword with ""), and
  // both get the same answer: neither the time nor the body tells which accounts exist.
  const bool verified = VerifyPassword(in.password, account ? account->password_hash : "");
  if (!account || !verified) {
    throttle.RecordFailure(in.username, address, now);
    return ErrorResponse(401, "invalid_credentials", "wrong username or password");
  }
  throttle.RecordSuccess(in.username);
  return StartSession(call.store, *account, call.request, 200);
}

ApiResponse HandleSessionGet(const Call& call) {
  if (call.user == nullptr) {
    return NoSession();
  }
  ApiResponse response;
  response.body = SessionJson(*call.user);
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

ApiResponse HandleLogout(const Call& call) {
  if (call.user == nullptr) {
    return NoSession();
  }
  if (call.store.DeleteSession(call.user->token_hash)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  response.status = 204;
  response.content_type = "";
  response.headers.push_back({"Set-Cookie", ClearedSessionCookie(call.request)});
  return response;
}

ApiResponse HandleSetupStatus(const Call& call) {
  StoreResult<bool> has_admin = call.store.HasAdminAccount();
  if (std::holds_alternative<StoreError>(has_admin)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  response.body = std::get<bool>(has_admin) ? R"({"needed":false})" : R"({"needed":true})";
  return response;
}

ApiResponse HandleSetupComplete(const Call& call) {
  std::variant<Credentials, ApiResponse> read =
      ReadV1Body<Credentials>(call.request.body, ReadSetup);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const Credentials& in = std::get<Credentials>(read);
  // Once setup is over it costs no KDF work to be told so (the store checks again, atomically).
  if (StoreResult<bool> has_admin = call.store.HasAdminAccount();
      std::holds_alternative<StoreError>(has_admin)) {
    return StoreUnavailable();
  } else if (std::get<bool>(has_admin)) {
    return ErrorResponse(409, "setup_done", "an admin account exists already: sign in");
  }
  const int64_t now = call.request.now_unix_ms;
  Account admin{in.username, Role::kAdmin, HashPassword(in.password), now, now};
  const AuditEntry audit{0, now, "setup", "account.create", admin.username, "", AccountJson(admin)};
  StoreResult<SetupOutcome> done =
      call.store.CompleteSetup(base::Sha256Hex(in.token), now, admin, audit);
  if (std::holds_alternative<StoreError>(done)) {
    return StoreUnavailable();
  }
  switch (std::get<SetupOutcome>(done)) {
    case SetupOutcome::kDone:
      return StartSession(call.store, admin, call.request, 201);
    case SetupOutcome::kInvalidToken:
      return ErrorResponse(403, "invalid_setup_token",
                           "the setup token is unknown, used or expired: restart central for a "
                           "new one, or use `costgate admin create`");
    case SetupOutcome::kAdminExists:
      return ErrorResponse(409, "setup_done", "an admin account exists already: sign in");
    case SetupOutcome::kNameTaken:
      return ErrorResponse(409, "name_taken", "an account has this username", "username");
  }
  return StoreUnavailable();
}

}  // namespace costgate::central
