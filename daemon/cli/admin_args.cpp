#include "daemon/cli/admin_args.h"

#include "central/keys/account_rules.h"
#include "daemon/cli/arg_cursor.h"

namespace costgate::daemon::cli {
namespace {

void AdminUsageError(const std::string& message) {
  std::fprintf(stderr, "costgate admin: %s (see costgate admin --help)\n", message.c_str());
}

// Which options a subcommand takes: an option that does nothing there is a mistake to report.
bool AdminOptionAllowed(std::string_view subcommand, std::string_view option) {
  if (option == "--config") {
    return true;
  }
  if (option == "--user") {
    return subcommand != "list";
  }
  if (option == "--role") {
    return subcommand == "create";
  }
  return subcommand == "create" || subcommand == "passwd";  // --password-stdin
}

bool CheckAdminArgs(const AdminArgs& args) {
  if (args.subcommand == "list") {
    return true;
  }
  if (args.user.empty()) {
    AdminUsageError(args.subcommand + " needs --user NAME");
    return false;
  }
  if (std::optional<std::string> problem = central::UsernameProblem(args.user)) {
    AdminUsageError("--user " + *problem);
    return false;
  }
  if (args.subcommand == "passwd" && !args.password_stdin) {
    AdminUsageError("passwd needs --password-stdin");
    return false;
  }
  return true;
}

}  // namespace

void PrintAdminCommands(std::FILE* out) {
  std::fprintf(out,
               "  costgate admin create --user NAME [--role admin|viewer] [--password-stdin]\n"
               "                                   make a dashboard account; without\n"
               "                                   --password-stdin prints a generated password "
               "once\n"
               "  costgate admin list              the dashboard's accounts\n"
               "  costgate admin passwd --user NAME --password-stdin\n"
               "                                   set a password (signs the user out)\n"
               "  costgate admin delete --user NAME\n"
               "                                   delete an account and its sessions\n");
}

void PrintAdminOptions(std::FILE* out) {
  std::fprintf(out,
               "Admin options:\n"
               "  --role R           admin (everything, the default) or viewer (read only)\n"
               "  --password-stdin   read the password from the first line of stdin (8 to 256\n"
               "                     bytes)\n"
               "  --config FILE      the configuration (central.store); default "
               "$COSTGATE_CONFIG\n"
               "  Exit: 0 ok; 1 no such account (passwd, delete), the name is taken (create) or\n"
               "  the last admin would go (delete); 2 usage, configuration or database error.\n");
}

std::optional<AdminArgs> ParseAdminArgs(const std::vector<std::string_view>& args) {
  if (args.empty()) {
    AdminUsageError("expected create, list, passwd or delete");
    return std::nullopt;
  }
  AdminArgs out;
  out.subcommand = std::string(args[0]);
  if (out.subcommand != "create" && out.subcommand != "list" && out.subcommand != "passwd" &&
      out.subcommand != "delete") {
    AdminUsageError("unknown subcommand '" + out.subcommand + "'");
    return std::nullopt;
  }
  for (ArgCursor arg(args, 1); arg.Next();) {
    if (arg.positional()) {
      AdminUsageError("unexpected argument '" + std::string(arg.text()) + "'");
      return std::nullopt;
    }
    const std::string& option = arg.option();
    const bool known = option == "--config" || option == "--user" || option == "--role" ||
                       option == "--password-stdin";
    if (!known || !AdminOptionAllowed(out.subcommand, option)) {
      AdminUsageError("option " + option +
                      (known ? " does not apply to " + out.subcommand : " unknown"));
      return std::nullopt;
    }
    if (option == "--password-stdin") {
      if (arg.inline_value()) {
        AdminUsageError("--password-stdin takes no value");
        return std::nullopt;
      }
      out.password_stdin = true;
      continue;
    }
    const std::optional<std::string> value = arg.TakeValue();
    if (!value) {
      AdminUsageError(option + " needs a value");
      return std::nullopt;
    }
    if (option == "--role") {
      const std::optional<central::Role> role = central::ParseRole(*value);
      if (!role) {
        AdminUsageError("--role must be admin or viewer");
        return std::nullopt;
      }
      out.role = *role;
    } else {
      (option == "--config" ? out.config_path : out.user) = *value;
    }
  }
  if (!CheckAdminArgs(out)) {
    return std::nullopt;
  }
  return out;
}

}  // namespace costgate::daemon::cli
