// /admin/v1/accounts: people's accounts, managed by an admin (a session or an admin key). Each
// change is audited in its own transaction; no answer and no audit row holds a password hash.
#include <algorithm>
#include <string>
#include <variant>

#include "central/api/account_json.h"
#include "central/api/handlers.h"
#include "central/api/v1_body.h"
#include "central/keys/account_rules.h"
#include "central/keys/password_hash.h"

namespace costgate::central {
namespace {

using simdjson::dom::element;

struct AccountInput {
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::optional<Role> role;
};

FieldStatus ReadRole(element v, AccountInput& in) {
  std::string text;
  if (FieldStatus error = ReadString(v, text)) {
    return error;
  }
  in.role = ParseRole(text);
  if (!in.role) {
    return FieldError{"", "must be \"admin\" or \"viewer\""};
  }
  return std::nullopt;
}

FieldStatus ReadPassword(element v, AccountInput& in) {
  std::string text;
  if (FieldStatus error = ReadString(v, text)) {
    return error;
  }
  if (std::optional<std::string> problem = PasswordProblem(text)) {
    return FieldError{"", *std::move(problem)};
  }
  in.password = std::move(text);
  return std::nullopt;
}

constexpr auto kAccountCreateRules = std::to_array<FieldRule<AccountInput>>({
    {"username",
     [](element v, AccountInput& in) -> FieldStatus {
       std::string text;
       if (FieldStatus error = ReadString(v, text)) {
         return error;
       }
       if (std::optional<std::string> problem = UsernameProblem(text)) {
         return FieldError{"", *std::move(problem)};
       }
       in.username = std::move(text);
       return std::nullopt;
     },
     true},
    {"password", ReadPassword, true},
    {"role", ReadRole},
});

constexpr auto kAccountPatchRules = std::to_array<FieldRule<AccountInput>>({
    {"password", ReadPassword},
    {"role", ReadRole},
});

std::variant<AccountInput, FieldError> ReadAccountCreate(element root) {
  AccountInput in;
  if (FieldStatus error = ReadObject(root, kAccountCreateRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

std::variant<AccountInput, FieldError> ReadAccountPatch(element root) {
  AccountInput in;
  if (FieldStatus error = ReadObject(root, kAccountPatchRules, UnknownFields::kReject, in)) {
    return *std::move(error);
  }
  return in;
}

ApiResponse NoSuchAccount(std::string_view username) {
  return ErrorResponse(404, "account_not_found",
                       "no account named \"" + base::BoundText(username, 64) + "\"");
}

ApiResponse AccountResponse(const Account& account, int status = 200) {
  ApiResponse response;
  response.status = status;
  response.body = R"({"account":)" + AccountJson(account) + "}";
  return response;
}

// The account the path names, or the answer refusing the request.
std::variant<Account, ApiResponse> PathAccount(const Call& call) {
  const std::string* username = call.params.Find("username");
  if (username == nullptr) {
    return NoSuchAccount("");
  }
  StoreResult<std::optional<Account>> found = call.store.FindAccount(*username);
  if (std::holds_alternative<StoreError>(found)) {
    return StoreUnavailable();
  }
  std::optional<Account>& account = std::get<std::optional<Account>>(found);
  if (!account) {
    return NoSuchAccount(*username);
  }
  return std::move(*account);
}

// A change that would leave no admin account locks everyone out of the admin API but for keys
// and the CLI: refused (409) unless another admin remains.
std::optional<ApiResponse> LastAdminRefusal(const Call& call, const Account& leaving) {
  if (leaving.role != Role::kAdmin) {
    return std::nullopt;
  }
  StoreResult<std::vector<Account>> listed = call.store.ListAccounts();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  const std::vector<Account>& accounts = std::get<std::vector<Account>>(listed);
  const auto admins = std::count_if(accounts.begin(), accounts.end(),
                                    [](const Account& a) { return a.role == Role::kAdmin; });
  if (admins > 1) {
    return std::nullopt;
  }
  return ErrorResponse(409, "last_admin", "the last admin account cannot be removed or demoted");
}

std::optional<ApiResponse> AccountChangeRefusal(const StoreResult<AccountChange>& result,
                                                std::string_view username) {
  if (std::holds_alternative<StoreError>(result)) {
    return StoreUnavailable();
  }
  switch (std::get<AccountChange>(result)) {
    case AccountChange::kDone:
      return std::nullopt;
    case AccountChange::kNotFound:
      return NoSuchAccount(username);
    case AccountChange::kNameTaken:
      return ErrorResponse(409, "name_taken", "an account has this username", "username");
  }
  return StoreUnavailable();
}

}  // namespace

ApiResponse HandleAccountList(const Call& call) {
  StoreResult<std::vector<Account>> listed = call.store.ListAccounts();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  response.body = R"({"accounts":[)";
  bool first = true;
  for (const Account& account : std::get<std::vector<Account>>(listed)) {
    response.body += first ? "" : ",";
    first = false;
    AppendAccountJson(response.body, account);
  }
  response.body += "]}";
  return response;
}

ApiResponse HandleAccountCreate(const Call& call) {
  std::variant<AccountInput, ApiResponse> read =
      ReadV1Body<AccountInput>(call.request.body, ReadAccountCreate);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const AccountInput& in = std::get<AccountInput>(read);
  const int64_t now = call.request.now_unix_ms;
  const Account account{*in.username, in.role.value_or(Role::kViewer), HashPassword(*in.password),
                        now, now};
  const AuditEntry audit{0,
                         now,
                         std::string(call.actor),
                         "account.create",
                         account.username,
                         "",
                         AccountJson(account)};
  if (auto refused =
          AccountChangeRefusal(call.store.CreateAccount(account, audit), account.username)) {
    return *std::move(refused);
  }
  return AccountResponse(account, 201);
}

ApiResponse HandleAccountPatch(const Call& call) {
  std::variant<Account, ApiResponse> found = PathAccount(call);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&found)) {
    return std::move(*refused);
  }
  std::variant<AccountInput, ApiResponse> read =
      ReadV1Body<AccountInput>(call.request.body, ReadAccountPatch);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&read)) {
    return std::move(*refused);
  }
  const Account& before = std::get<Account>(found);
  const AccountInput& in = std::get<AccountInput>(read);
  if (in.role == Role::kViewer) {
    if (auto refused = LastAdminRefusal(call, before)) {
      return *std::move(refused);
    }
  }
  Account after = before;
  after.role = in.role.value_or(before.role);
  if (in.password) {
    after.password_hash = HashPassword(*in.password);
  }
  after.updated_unix_ms = call.request.now_unix_ms;
  // The audit row says a password changed by the change of updated_unix_ms and its action; it
  // never holds the hash.
  const AuditEntry audit{0,
                         call.request.now_unix_ms,
                         std::string(call.actor),
                         in.password ? "account.password" : "account.update",
                         before.username,
                         AccountJson(before),
                         AccountJson(after)};
  // A new password signs the account out everywhere; a role change takes effect at once anyway
  // (admission reads the account's role on every request).
  if (auto refused = AccountChangeRefusal(
          call.store.UpdateAccount(after, in.password.has_value(), audit), before.username)) {
    return *std::move(refused);
  }
  return AccountResponse(after);
}

ApiResponse HandleAccountDelete(const Call& call) {
  std::variant<Account, ApiResponse> found = PathAccount(call);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&found)) {
    return std::move(*refused);
  }
  const Account& account = std::get<Account>(found);
  if (auto refused = LastAdminRefusal(call, account)) {
    return *std::move(refused);
  }
  const AuditEntry audit{0,
                         call.request.now_unix_ms,
                         std::string(call.actor),
                         "account.delete",
                         account.username,
                         AccountJson(account),
                         ""};
  if (auto refused = AccountChangeRefusal(call.store.DeleteAccount(account.username, audit),
                                          account.username)) {
    return *std::move(refused);
  }
  return AccountResponse(account);
}

}  // namespace costgate::central
