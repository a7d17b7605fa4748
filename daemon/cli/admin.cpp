#include "daemon/cli/admin.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "base/clock.h"
#include "central/api/account_json.h"
#include "central/keys/account_rules.h"
#include "central/keys/password_hash.h"
#include "daemon/cli/central_store.h"
#include "daemon/cli/text_table.h"

namespace costgate::daemon::cli {
namespace {

constexpr const char* kAdminActor = "cli";

int StoreFailed(const central::StoreError& error) {
  std::fprintf(stderr, "costgate admin: %s\n", error.message.c_str());
  return 2;
}

// The first line of stdin, without its line end; nullopt (said on stderr) when it breaks the
// password rule.
std::optional<std::string> ReadPasswordLine() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  if (std::optional<std::string> problem = central::PasswordProblem(line)) {
    std::fprintf(stderr, "costgate admin: the password on stdin %s\n", problem->c_str());
    return std::nullopt;
  }
  return line;
}

// True when deleting `username` would leave no admin account (refused: only the CLI could then
// make one again).
central::StoreResult<bool> IsLastAdmin(central::Store& store, const central::Account& account) {
  if (account.role != central::Role::kAdmin) {
    return false;
  }
  auto listed = store.ListAccounts();
  if (auto* error = std::get_if<central::StoreError>(&listed)) {
    return *std::move(error);
  }
  const auto& accounts = std::get<std::vector<central::Account>>(listed);
  return std::count_if(accounts.begin(), accounts.end(), [](const central::Account& a) {
           return a.role == central::Role::kAdmin;
         }) <= 1;
}

}  // namespace

int AdminCreate(const AdminArgs& args, std::string password, central::Store& store,
                int64_t now_ms) {
  const bool generated = password.empty();
  if (generated) {
    password = central::RandomToken(18);  // 24 base64url characters: 144 bits
  }
  const central::Account account{args.user, args.role, central::HashPassword(password), now_ms,
                                 now_ms};
  const central::AuditEntry audit{0,
                                  now_ms,
                                  kAdminActor,
                                  "account.create",
                                  account.username,
                                  "",
                                  central::AccountJson(account)};
  auto created = store.CreateAccount(account, audit);
  if (auto* error = std::get_if<central::StoreError>(&created)) {
    return StoreFailed(*error);
  }
  if (std::get<central::AccountChange>(created) != central::AccountChange::kDone) {
    std::fprintf(stderr, "costgate admin: an account named '%s' exists already\n",
                 args.user.c_str());
    return 1;
  }
  if (generated) {
    std::printf("%s\n", password.c_str());
    std::fflush(stdout);
  }
  std::fprintf(stderr, "created %s account %s%s\n", std::string(RoleName(args.role)).c_str(),
               args.user.c_str(), generated ? ": the password above is shown only this once" : "");
  return 0;
}

int AdminList(central::Store& store) {
  auto listed = store.ListAccounts();
  if (auto* error = std::get_if<central::StoreError>(&listed)) {
    return StoreFailed(*error);
  }
  std::vector<std::vector<std::string>> rows = {{"USERNAME", "ROLE", "CREATED", "UPDATED"}};
  for (const central::Account& account : std::get<std::vector<central::Account>>(listed)) {
    rows.push_back({account.username, std::string(RoleName(account.role)),
                    TableTime(account.created_unix_ms), TableTime(account.updated_unix_ms)});
  }
  const std::string text = FormatTable(rows);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

int AdminPasswd(const AdminArgs& args, const std::string& password, central::Store& store,
                int64_t now_ms) {
  auto found = store.FindAccount(args.user);
  if (auto* error = std::get_if<central::StoreError>(&found)) {
    return StoreFailed(*error);
  }
  const std::optional<central::Account>& before = std::get<std::optional<central::Account>>(found);
  if (!before) {
    std::fprintf(stderr, "costgate admin: no account named '%s'\n", args.user.c_str());
    return 1;
  }
  central::Account after = *before;
  after.password_hash = central::HashPassword(password);
  after.updated_unix_ms = now_ms;
  const central::AuditEntry audit{0,
                                  now_ms,
                                  kAdminActor,
                                  "account.password",
                                  after.username,
                                  central::AccountJson(*before),
                                  central::AccountJson(after)};
  auto updated = store.UpdateAccount(after, true, audit);
  if (auto* error = std::get_if<central::StoreError>(&updated)) {
    return StoreFailed(*error);
  }
  std::fprintf(stderr, "password of %s set; its sessions are signed out\n", args.user.c_str());
  return 0;
}

int AdminDelete(const AdminArgs& args, central::Store& store, int64_t now_ms) {
  auto found = store.FindAccount(args.user);
  if (auto* error = std::get_if<central::StoreError>(&found)) {
    return StoreFailed(*error);
  }
  const std::optional<central::Account>& account = std::get<std::optional<central::Account>>(found);
  if (!account) {
    std::fprintf(stderr, "costgate admin: no account named '%s'\n", args.user.c_str());
    return 1;
  }
  auto last = IsLastAdmin(store, *account);
  if (auto* error = std::get_if<central::StoreError>(&last)) {
    return StoreFailed(*error);
  }
  if (std::get<bool>(last)) {
    std::fprintf(stderr, "costgate admin: '%s' is the last admin account; create another first\n",
                 args.user.c_str());
    return 1;
  }
  const central::AuditEntry audit{
      0, now_ms, kAdminActor, "account.delete", account->username, central::AccountJson(*account),
      ""};
  auto deleted = store.DeleteAccount(account->username, audit);
  if (auto* error = std::get_if<central::StoreError>(&deleted)) {
    return StoreFailed(*error);
  }
  std::fprintf(stderr, "deleted account %s\n", args.user.c_str());
  return 0;
}

int AdminCommand(const std::vector<std::string_view>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    std::printf("Usage:\n");
    PrintAdminCommands(stdout);
    std::printf("\n");
    PrintAdminOptions(stdout);
    return 0;
  }
  const std::optional<AdminArgs> parsed = ParseAdminArgs(args);
  if (!parsed) {
    return 2;
  }
  std::string password;
  if (parsed->password_stdin) {
    std::optional<std::string> read = ReadPasswordLine();
    if (!read) {
      return 2;
    }
    password = *std::move(read);
  }
  const std::optional<config::Config> config = LoadCentralConfig(parsed->config_path, "admin");
  if (!config) {
    return 2;
  }
  // create makes the database on first use (before central ever ran); the others change
  // accounts that exist.
  const std::unique_ptr<central::Store> store =
      OpenCentralStore(config->central, parsed->subcommand != "create", "admin");
  if (!store) {
    return 2;
  }
  const int64_t now = base::NowUnixMs();
  if (parsed->subcommand == "create") {
    return AdminCreate(*parsed, password, *store, now);
  }
  if (parsed->subcommand == "list") {
    return AdminList(*store);
  }
  if (parsed->subcommand == "passwd") {
    return AdminPasswd(*parsed, password, *store, now);
  }
  return AdminDelete(*parsed, *store, now);
}

}  // namespace costgate::daemon::cli
