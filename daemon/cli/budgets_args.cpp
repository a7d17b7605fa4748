#include "daemon/cli/budgets_args.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "daemon/cli/arg_cursor.h"

namespace costgate::daemon::cli {
namespace {

using central::budgets::BudgetInput;
using central::budgets::kScopeFields;

void BudgetsUsageError(const std::string& message) {
  std::fprintf(stderr, "costgate budgets: %s (see costgate budgets --help)\n", message.c_str());
}

// A budget option: the field it sets (the admin API's name; options of one field exclude each
// other) and whether it takes a value.
struct BudgetOption {
  std::string_view option;
  std::string_view field;
  bool takes_value;
};

constexpr std::array<BudgetOption, 14> kBudgetOptions = {{
    {"--name", "name", true},
    {"--amount-usd", "amount_usd", true},
    {"--period", "period", true},
    {"--time-zone", "time_zone", true},
    {"--fiscal-first-month", "fiscal_first_month", true},
    {"--thresholds", "thresholds_percent", true},
    {"--per-request-cap-usd", "per_request_cap_usd", true},
    {"--hard", "hard_limit", false},
    {"--soft", "hard_limit", false},
    {"--fail-closed", "fail_closed", false},
    {"--fail-open", "fail_closed", false},
    {"--fail-default", "fail_closed", false},
    {"--config", "", true},
    {"--json", "", false},
}};

// The option of a field: "--source-app" for "source_app", "--amount-usd" for "amount_usd".
std::string DashedOption(std::string_view name) {
  std::string option = "--" + std::string(name);
  std::replace(option.begin(), option.end(), '_', '-');
  return option;
}

const BudgetOption* FindBudgetOption(std::string_view option) {
  for (const BudgetOption& o : kBudgetOptions) {
    if (o.option == option) {
      return &o;
    }
  }
  return nullptr;
}

// The scope field an option sets ("--source-app" -> 3); nullopt for another option.
std::optional<size_t> ScopeIndex(std::string_view option) {
  for (size_t i = 0; i < kScopeFields.size(); ++i) {
    if (DashedOption(kScopeFields[i].name) == option) {
      return i;
    }
  }
  return std::nullopt;
}

bool BudgetsOptionAllowed(std::string_view subcommand, std::string_view option) {
  if (option == "--config") {
    return true;
  }
  if (option == "--json") {
    return subcommand != "delete";
  }
  return subcommand == "create" || subcommand == "set";  // the budget's own options
}

// "50,80,100" -> {50, 80, 100}; "none" or "" -> {} (no alerts).
std::optional<std::vector<int64_t>> ParseThresholds(std::string_view text) {
  std::vector<int64_t> thresholds;
  if (text == "none" || text.empty()) {
    return thresholds;
  }
  while (true) {
    const size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size()) {
      BudgetsUsageError(
          "--thresholds takes integer percents separated by commas (50,80,100) or none, "
          "got '" +
          std::string(part) + "'");
      return std::nullopt;
    }
    thresholds.push_back(value);
    if (comma == std::string_view::npos) {
      return thresholds;
    }
    text.remove_prefix(comma + 1);
  }
}

// Puts the value (or flag) of a budget option into the input; false after a usage error.
bool SetBudgetOption(std::string_view option, const std::string& value, BudgetsArgs& out) {
  BudgetInput& in = out.input;
  if (const std::optional<size_t> scope = ScopeIndex(option)) {
    in.scope[*scope] = value;
  } else if (option == "--name") {
    in.name = value;
  } else if (option == "--amount-usd") {
    in.amount_usd = value;
  } else if (option == "--period") {
    in.period = value;
  } else if (option == "--time-zone") {
    in.time_zone = value;
  } else if (option == "--fiscal-first-month") {
    int64_t month = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), month);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
      BudgetsUsageError("--fiscal-first-month must be an integer month from 1 to 12, got '" +
                        value + "'");
      return false;
    }
    in.fiscal_first_month = month;
  } else if (option == "--thresholds") {
    in.thresholds_percent = ParseThresholds(value);
    return in.thresholds_percent.has_value();
  } else if (option == "--per-request-cap-usd") {
    in.per_request_cap_usd =
        value == "none" ? std::optional<std::string>() : std::optional<std::string>(value);
  } else if (option == "--hard" || option == "--soft") {
    in.hard_limit = option == "--hard";
  } else if (option == "--fail-closed" || option == "--fail-open") {
    in.fail_closed = std::optional<bool>(option == "--fail-closed");
  } else if (option == "--fail-default") {
    in.fail_closed = std::optional<bool>();
  } else if (option == "--config") {
    out.config_path = value;
  } else if (option == "--json") {
    out.json = true;
  }
  return true;
}

bool CheckBudgetsPositional(const BudgetsArgs& args, const std::vector<std::string>& positional) {
  const bool takes_target =
      args.subcommand == "show" || args.subcommand == "set" || args.subcommand == "delete";
  if (takes_target && (positional.size() != 1 || positional[0].empty())) {
    BudgetsUsageError(args.subcommand + " needs exactly one budget ID or NAME");
    return false;
  }
  if (!takes_target && !positional.empty()) {
    BudgetsUsageError("unexpected argument '" + positional[0] + "'");
    return false;
  }
  return true;
}

}  // namespace

void PrintBudgetsCommands(std::FILE* out) {
  std::fprintf(out,
               "  costgate budgets create --name N --amount-usd A --period P [options]\n"
               "                                   make a budget on central's database; it starts\n"
               "                                   from the spend already stored in its period\n"
               "  costgate budgets list [--json]   every budget with its current period's spend\n"
               "  costgate budgets show ID|NAME [--json]\n"
               "                                   one budget, its spend and its latest changes\n"
               "  costgate budgets set ID|NAME [options]\n"
               "                                   change the fields given, keep the rest\n"
               "  costgate budgets delete ID|NAME  delete a budget and its spend counters\n");
}

void PrintBudgetsOptions(std::FILE* out) {
  std::fprintf(
      out,
      "Budgets options (create, set; the admin API's JSON fields of the same names):\n"
      "  --name N                 unique; not starting with bud_\n"
      "  --amount-usd A           per period, decimal USD (at most 12 decimals, at most %lld)\n"
      "  --period P               daily, weekly (ISO, from Monday), monthly or quarterly\n"
      "  --time-zone Z            IANA zone the periods are cut in (default UTC)\n"
      "  --fiscal-first-month M   1..12, where quarters start counting (default 1)\n"
      "  --workspace W  --team T  --project P  --source-app A  --environment E  --user U\n"
      "  --provider P  --model M  the scope: events with all of these labels (default: any;\n"
      "                           \"\" on set: any again)\n"
      "  --thresholds 50,80,100   alert percents, 1..1000 (none: no alerts; default 50,80,100)\n"
      "  --hard | --soft          deny when spent, or alert only (default --soft)\n"
      "  --per-request-cap-usd A  cap on one call's estimate; none: no cap (the default)\n"
      "  --fail-closed | --fail-open | --fail-default\n"
      "                           when central is unreachable: deny, allow, or the proxy's\n"
      "                           preflight.fail_closed (the default)\n"
      "  --json                   the admin API's JSON instead of text (create, list, show, "
      "set)\n"
      "  --config FILE            the configuration (central.store); default $COSTGATE_CONFIG\n"
      "  Exit: 0 ok; 1 no such budget (show, set, delete) or the name is taken (create, set);\n"
      "  2 usage, a value refused, configuration or database error. Changes are logged in the\n"
      "  audit log as cli:$SUDO_USER (or $USER).\n",
      static_cast<long long>(central::budgets::kMaxBudgetUsd));
}

std::optional<BudgetsArgs> ParseBudgetsArgs(const std::vector<std::string_view>& args) {
  if (args.empty()) {
    BudgetsUsageError("expected create, list, show, set or delete");
    return std::nullopt;
  }
  BudgetsArgs out;
  out.subcommand = std::string(args[0]);
  if (out.subcommand != "create" && out.subcommand != "list" && out.subcommand != "show" &&
      out.subcommand != "set" && out.subcommand != "delete") {
    BudgetsUsageError("unknown subcommand '" + out.subcommand + "'");
    return std::nullopt;
  }
  std::vector<std::string> positional;
  std::set<std::string> fields_seen;
  for (ArgCursor arg(args, 1); arg.Next();) {
    if (arg.positional()) {
      positional.emplace_back(arg.text());
      continue;
    }
    const std::string& option = arg.option();
    const BudgetOption* spec = FindBudgetOption(option);
    const std::optional<size_t> scope = ScopeIndex(option);
    const bool known = spec != nullptr || scope.has_value();
    if (!known || !BudgetsOptionAllowed(out.subcommand, option)) {
      BudgetsUsageError("option " + option +
                        (known ? " does not apply to " + out.subcommand : " unknown"));
      return std::nullopt;
    }
    const std::string field = scope ? "scope." + std::string(kScopeFields[*scope].name)
                                    : std::string(spec->field.empty() ? option : spec->field);
    if (!fields_seen.insert(field).second) {
      BudgetsUsageError((spec != nullptr && spec->field.empty() ? option : OptionOfField(field)) +
                        " given twice");
      return std::nullopt;
    }
    std::optional<std::string> value;
    if (scope.has_value() || spec->takes_value) {
      value = arg.TakeValue();
      if (!value) {
        BudgetsUsageError(option + " needs a value");
        return std::nullopt;
      }
    } else if (arg.inline_value()) {
      BudgetsUsageError(option + " takes no value");
      return std::nullopt;
    }
    if (!SetBudgetOption(option, value.value_or(""), out)) {
      return std::nullopt;
    }
  }
  if (!CheckBudgetsPositional(out, positional)) {
    return std::nullopt;
  }
  if (!positional.empty()) {
    out.target = positional[0];
  }
  return out;
}

std::string OptionOfField(std::string_view field) {
  field = field.substr(0, field.find('['));
  if (field.starts_with("scope.")) {
    return DashedOption(field.substr(6));
  }
  if (field == "thresholds_percent") {
    return "--thresholds";
  }
  if (field == "hard_limit") {
    return "--hard/--soft";
  }
  if (field == "fail_closed") {
    return "--fail-closed/--fail-open/--fail-default";
  }
  return DashedOption(field);
}

}  // namespace costgate::daemon::cli
