#include "daemon/cli/keys_args.h"

#include "base/text_rule.h"
#include "central/keys/api_key.h"
#include "daemon/cli/arg_cursor.h"

namespace costgate::daemon::cli {
namespace {

void KeysUsageError(const std::string& message) {
  std::fprintf(stderr, "costgate keys: %s (see costgate keys --help)\n", message.c_str());
}

// Which options a subcommand takes: an option that does nothing there is a mistake to report.
bool KeysOptionAllowed(std::string_view subcommand, std::string_view option) {
  if (option == "--config") {
    return true;
  }
  if (option == "--json") {
    return subcommand == "list";
  }
  return subcommand == "create";  // --name, --source-app, --scopes, --workspace
}

// The key's source_app and workspace become every event's it writes without one of its own, so
// they follow the rule central applies to the events' labels (base/text_rule.h).
bool CheckText(std::string_view option, std::string_view value) {
  const base::TextProblem problem = base::CheckText(value, base::kMaxIdBytes);
  if (problem == base::TextProblem::kNone) {
    return true;
  }
  KeysUsageError(std::string(option) + " " + base::TextProblemReason(problem, base::kMaxIdBytes));
  return false;
}

bool CheckCreate(const KeysArgs& args) {
  // A key with an ingest scope speaks for its app; an admin-only key speaks for none.
  const bool ingest = (args.scopes & central::kIngestScopes) != 0;
  if (args.name.empty() || (ingest && args.source_app.empty())) {
    KeysUsageError(ingest ? "create needs --name and --source-app" : "create needs --name");
    return false;
  }
  // `keys revoke` takes an id or a name: a name shaped like an id could revoke the wrong key.
  if (args.name.starts_with("key_")) {
    KeysUsageError("--name must not start with key_ (key ids do)");
    return false;
  }
  return CheckText("--name", args.name) && CheckText("--source-app", args.source_app) &&
         CheckText("--workspace", args.workspace);
}

bool CheckKeysPositional(const KeysArgs& args, const std::vector<std::string>& positional) {
  if (args.subcommand == "revoke") {
    if (positional.size() != 1 || positional[0].empty()) {
      KeysUsageError("revoke needs exactly one key ID or NAME");
      return false;
    }
    return true;
  }
  if (!positional.empty()) {
    KeysUsageError("unexpected argument '" + positional[0] + "'");
    return false;
  }
  return args.subcommand != "create" || CheckCreate(args);
}

}  // namespace

void PrintKeysCommands(std::FILE* out) {
  std::fprintf(out,
               "  costgate keys create --name N --source-app A [--scopes S] [--workspace W]\n"
               "                                   make a central API key; prints the secret "
               "once (line 1)\n"
               "  costgate keys create --name N --scopes admin\n"
               "                                   a key for the admin API (budgets)\n"
               "  costgate keys list [--json]      central's API keys (never their secrets)\n"
               "  costgate keys revoke ID|NAME     revoke a central API key\n");
}

void PrintKeysOptions(std::FILE* out) {
  std::fprintf(out,
               "Keys options:\n"
               "  --scopes S       comma-separated preflight,record,upsert,ship,admin; all =\n"
               "                   preflight,record,upsert,ship (the default), never admin:\n"
               "                   a key that ships or records usage cannot change budgets;\n"
               "                   admin (alone, or all,admin) manages /admin/v1/budgets\n"
               "  --workspace W    the only workspace the key may write into (default: any)\n"
               "  --json           one JSON object instead of a table (list)\n"
               "  --config FILE    the configuration (central.store); default "
               "$COSTGATE_CONFIG\n"
               "  Exit: 0 ok (revoke: also when already revoked); 1 no such key (revoke) or the "
               "name is\n"
               "  taken (create); 2 usage, configuration or database error.\n");
}

std::optional<KeysArgs> ParseKeysArgs(const std::vector<std::string_view>& args) {
  if (args.empty()) {
    KeysUsageError("expected create, list or revoke");
    return std::nullopt;
  }
  KeysArgs out;
  out.subcommand = std::string(args[0]);
  if (out.subcommand != "create" && out.subcommand != "list" && out.subcommand != "revoke") {
    KeysUsageError("unknown subcommand '" + out.subcommand + "'");
    return std::nullopt;
  }
  std::vector<std::string> positional;
  std::optional<std::string> scopes_text;
  for (ArgCursor arg(args, 1); arg.Next();) {
    if (arg.positional()) {
      positional.emplace_back(arg.text());
      continue;
    }
    const std::string& option = arg.option();
    const bool known = option == "--config" || option == "--json" || option == "--name" ||
                       option == "--source-app" || option == "--scopes" || option == "--workspace";
    if (!known || !KeysOptionAllowed(out.subcommand, option)) {
      KeysUsageError("option " + option +
                     (known ? " does not apply to " + out.subcommand : " unknown"));
      return std::nullopt;
    }
    if (option == "--json") {
      if (arg.inline_value()) {
        KeysUsageError("--json takes no value");
        return std::nullopt;
      }
      out.json = true;
      continue;
    }
    const std::optional<std::string> value = arg.TakeValue();
    if (!value) {
      KeysUsageError(option + " needs a value");
      return std::nullopt;
    }
    if (option == "--scopes") {
      scopes_text = *value;
    } else {
      (option == "--config"       ? out.config_path
       : option == "--name"       ? out.name
       : option == "--source-app" ? out.source_app
                                  : out.workspace) = *value;
    }
  }
  if (scopes_text) {
    std::string bad;
    const std::optional<uint8_t> scopes = central::ParseScopes(*scopes_text, &bad);
    if (!scopes) {
      KeysUsageError(
          "--scopes: unknown scope '" + bad +
          "' (expected preflight, record, upsert, ship, admin, comma-separated, or all)");
      return std::nullopt;
    }
    out.scopes = *scopes;
  }
  if (!CheckKeysPositional(out, positional)) {
    return std::nullopt;
  }
  if (out.subcommand == "revoke") {
    out.target = positional[0];
  }
  return out;
}

}  // namespace costgate::daemon::cli
