#include "daemon/cli/budgets.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <variant>

#include "base/clock.h"
#include "central/api/budget_admin.h"
#include "central/api/budget_json.h"
#include "central/keys/random_id.h"
#include "daemon/cli/budgets_text.h"
#include "daemon/cli/central_store.h"

namespace costgate::daemon::cli {
namespace {

using central::Budget;
using central::BudgetChange;
using central::StoreError;

// `show` lists this many of the budget's latest changes.
constexpr size_t kShownChanges = 10;

int StoreFailed(const StoreError& error) {
  std::fprintf(stderr, "costgate budgets: %s\n", error.message.c_str());
  return 2;
}

int Refused(const central::budgets::InputError& error) {
  std::fprintf(stderr, "costgate budgets: %s: %s\n", OptionOfField(error.field).c_str(),
               error.reason.c_str());
  return 2;
}

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

// The budget `target` names (an id or a name), or the exit code after saying why not.
std::variant<Budget, int> FindTarget(BudgetsContext& context, const std::string& target) {
  auto found = context.store.FindBudget(target);
  if (auto* error = std::get_if<StoreError>(&found)) {
    return StoreFailed(*error);
  }
  std::optional<Budget>& budget = std::get<std::optional<Budget>>(found);
  if (!budget) {
    std::fprintf(stderr, "costgate budgets: no budget with id or name '%s'\n", target.c_str());
    return 1;
  }
  return *std::move(budget);
}

std::variant<central::BudgetStatus, int> ReadStatus(BudgetsContext& context, Budget budget) {
  auto status =
      central::ReadBudgetStatus(context.store, std::move(budget), context.now_ms, context.zones);
  if (auto* error = std::get_if<StoreError>(&status)) {
    return StoreFailed(*error);
  }
  return std::get<central::BudgetStatus>(std::move(status));
}

// Prints the budget with its spend now (text or JSON); the exit code.
int PrintBudget(BudgetsContext& context, Budget budget, bool json) {
  auto status = ReadStatus(context, std::move(budget));
  if (const int* code = std::get_if<int>(&status)) {
    return *code;
  }
  if (json) {
    std::string out;
    central::AppendBudgetStatusJson(out, std::get<central::BudgetStatus>(status));
    Print(out + "\n");
  } else {
    Print(FormatBudget(std::get<central::BudgetStatus>(status)));
  }
  return 0;
}

// 0 when the change was done, else the exit code after saying why not.
int ChangeOutcome(const central::StoreResult<BudgetChange>& result, const Budget& budget) {
  if (const auto* error = std::get_if<StoreError>(&result)) {
    return StoreFailed(*error);
  }
  switch (std::get<BudgetChange>(result)) {
    case BudgetChange::kDone:
      return 0;
    case BudgetChange::kNameTaken:
      std::fprintf(stderr, "costgate budgets: a budget named '%s' exists already (--name)\n",
                   budget.name.c_str());
      return 1;
    case BudgetChange::kNotFound:
      std::fprintf(stderr, "costgate budgets: budget %s was deleted meanwhile\n",
                   budget.id.c_str());
      return 1;
  }
  return 2;
}

int Create(const BudgetsArgs& args, BudgetsContext& context) {
  auto built = central::budgets::BuildBudget(args.input, central::RandomId("bud_"), context.now_ms);
  if (const auto* error = std::get_if<central::budgets::InputError>(&built)) {
    return Refused(*error);
  }
  Budget& budget = std::get<Budget>(built);
  if (const int code =
          ChangeOutcome(central::CreateBudgetSeeded(context.store, budget, context.actor,
                                                    context.now_ms, context.zones),
                        budget)) {
    return code;
  }
  std::fprintf(stderr, "created budget %s (%s)\n", budget.id.c_str(), budget.name.c_str());
  return PrintBudget(context, std::move(budget), args.json);
}

int List(const BudgetsArgs& args, BudgetsContext& context) {
  auto listed = context.store.ListBudgets();
  if (auto* error = std::get_if<StoreError>(&listed)) {
    return StoreFailed(*error);
  }
  std::vector<central::BudgetStatus> statuses;
  for (Budget& budget : std::get<std::vector<Budget>>(listed)) {
    auto status = ReadStatus(context, std::move(budget));
    if (const int* code = std::get_if<int>(&status)) {
      return *code;
    }
    statuses.push_back(std::get<central::BudgetStatus>(std::move(status)));
  }
  if (!args.json) {
    Print(FormatBudgetsTable(statuses));
    return 0;
  }
  std::string out = R"({"budgets":[)";
  for (size_t i = 0; i < statuses.size(); ++i) {
    out += i == 0 ? "" : ",";
    central::AppendBudgetStatusJson(out, statuses[i]);
  }
  Print(out + "]}\n");
  return 0;
}

int Show(const BudgetsArgs& args, BudgetsContext& context) {
  auto found = FindTarget(context, args.target);
  if (const int* code = std::get_if<int>(&found)) {
    return *code;
  }
  auto changes = central::RecentAuditOf(context.store, std::get<Budget>(found).id, kShownChanges);
  if (auto* error = std::get_if<StoreError>(&changes)) {
    return StoreFailed(*error);
  }
  const auto& entries = std::get<std::vector<central::AuditEntry>>(changes);
  auto status = ReadStatus(context, std::get<Budget>(std::move(found)));
  if (const int* code = std::get_if<int>(&status)) {
    return *code;
  }
  if (!args.json) {
    Print(FormatBudget(std::get<central::BudgetStatus>(status)) + "\nlatest changes:\n" +
          FormatAuditLines(entries));
    return 0;
  }
  std::string out = R"({"budget":)";
  central::AppendBudgetStatusJson(out, std::get<central::BudgetStatus>(status));
  out += R"(,"audit":[)";
  for (size_t i = 0; i < entries.size(); ++i) {
    out += i == 0 ? "" : ",";
    central::AppendAuditJson(out, entries[i]);
  }
  Print(out + "]}\n");
  return 0;
}

int Set(const BudgetsArgs& args, BudgetsContext& context) {
  auto found = FindTarget(context, args.target);
  if (const int* code = std::get_if<int>(&found)) {
    return *code;
  }
  const Budget& before = std::get<Budget>(found);
  auto changed = central::budgets::ChangeBudget(before, args.input, context.now_ms);
  if (const auto* error = std::get_if<central::budgets::InputError>(&changed)) {
    return Refused(*error);
  }
  Budget& after = std::get<Budget>(changed);
  if (const int code =
          ChangeOutcome(central::UpdateBudgetSeeded(context.store, before, after, context.actor,
                                                    context.now_ms, context.zones),
                        after)) {
    return code;
  }
  std::fprintf(stderr, "updated budget %s (%s)\n", after.id.c_str(), after.name.c_str());
  return PrintBudget(context, std::move(after), args.json);
}

int Delete(const BudgetsArgs& args, BudgetsContext& context) {
  auto found = FindTarget(context, args.target);
  if (const int* code = std::get_if<int>(&found)) {
    return *code;
  }
  const Budget& budget = std::get<Budget>(found);
  if (const int code = ChangeOutcome(
          central::DeleteBudgetAudited(context.store, budget, context.actor, context.now_ms),
          budget)) {
    return code;
  }
  std::fprintf(stderr, "deleted budget %s (%s)\n", budget.id.c_str(), budget.name.c_str());
  return 0;
}

}  // namespace

std::string CliActor() {
  for (const char* name : {"SUDO_USER", "USER"}) {
    if (const char* user = std::getenv(name); user != nullptr && *user != '\0') {
      return std::string("cli:") + user;
    }
  }
  return "cli";
}

int BudgetsRun(const BudgetsArgs& args, BudgetsContext& context) {
  if (args.subcommand == "create") {
    return Create(args, context);
  }
  if (args.subcommand == "list") {
    return List(args, context);
  }
  if (args.subcommand == "show") {
    return Show(args, context);
  }
  if (args.subcommand == "set") {
    return Set(args, context);
  }
  return Delete(args, context);
}

int BudgetsCommand(const std::vector<std::string_view>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    std::printf("Usage:\n");
    PrintBudgetsCommands(stdout);
    std::printf("\n");
    PrintBudgetsOptions(stdout);
    return 0;
  }
  const std::optional<BudgetsArgs> parsed = ParseBudgetsArgs(args);
  if (!parsed) {
    return 2;
  }
  const std::optional<config::Config> config = LoadCentralConfig(parsed->config_path, "budgets");
  if (!config) {
    return 2;
  }
  // create makes the database on first use, like `keys create`; the rest need budgets to exist.
  const std::unique_ptr<central::Store> store =
      OpenCentralStore(config->central, parsed->subcommand != "create", "budgets");
  if (!store) {
    return 2;
  }
  central::budgets::ZoneCache zones;
  BudgetsContext context{*store, zones, base::NowUnixMs(), CliActor()};
  return BudgetsRun(*parsed, context);
}

}  // namespace costgate::daemon::cli
