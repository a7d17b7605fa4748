// /admin/v1/budgets: budgets managed over HTTP by a key with scope admin (routes.cpp). The rules
// of a budget's fields are budgets::BuildBudget's and ChangeBudget's, the changes with their
// audit rows and seeding are budget_admin.h's: the same as `costgate budgets`.
#include <string>
#include <variant>

#include "central/alerts/check.h"
#include "central/api/budget_admin.h"
#include "central/api/budget_json.h"
#include "central/api/handlers.h"
#include "central/api/v1_body.h"
#include "central/budgets/budget_input.h"
#include "central/keys/random_id.h"

namespace costgate::central {
namespace {

std::string Actor(const Call& call) { return std::string(call.actor); }

ApiResponse NoSuchBudget(std::string_view id_or_name) {
  return ErrorResponse(404, "budget_not_found",
                       "no budget with id or name \"" + base::BoundText(id_or_name, 256) + "\"");
}

ApiResponse NameTaken(std::string_view name) {
  return ErrorResponse(409, "name_taken", "a budget named \"" + std::string(name) + "\" exists",
                       "name");
}

// The answer to a change the store refused or failed; nullopt when it was done.
std::optional<ApiResponse> ChangeRefusal(const StoreResult<BudgetChange>& result,
                                         const Budget& budget) {
  if (std::holds_alternative<StoreError>(result)) {
    return StoreUnavailable();
  }
  switch (std::get<BudgetChange>(result)) {
    case BudgetChange::kDone:
      return std::nullopt;
    case BudgetChange::kNameTaken:
      return NameTaken(budget.name);
    case BudgetChange::kNotFound:
      return NoSuchBudget(budget.id);
  }
  return StoreUnavailable();
}

// A budget made or changed may be due alerts at once (a lowered amount, a lower threshold). The
// change is stored whatever happens here: an alert not recorded now is recorded by the alert
// sender's periodic check.
void CheckAlertsOf(const Call& call, const Budget& budget) {
  (void)alerts::CheckBudgetAlerts(
      {call.store, call.zones, call.alert_targets, call.request.now_unix_ms}, budget);
}

// The budget with its spend now, as the answer's body.
ApiResponse StatusResponse(const Call& call, Budget budget, int status = 200) {
  StoreResult<BudgetStatus> read =
      ReadBudgetStatus(call.store, std::move(budget), call.request.now_unix_ms, call.zones);
  if (std::holds_alternative<StoreError>(read)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  response.status = status;
  AppendBudgetStatusJson(response.body, std::get<BudgetStatus>(read));
  return response;
}

// The budget the path names, or the answer refusing the request.
std::variant<Budget, ApiResponse> PathBudget(const Call& call) {
  const std::string* id = call.params.Find("id");
  if (id == nullptr) {
    return NoSuchBudget("");
  }
  StoreResult<std::optional<Budget>> found = call.store.FindBudget(*id);
  if (std::holds_alternative<StoreError>(found)) {
    return StoreUnavailable();
  }
  std::optional<Budget>& budget = std::get<std::optional<Budget>>(found);
  if (!budget) {
    return NoSuchBudget(*id);
  }
  return *std::move(budget);
}

std::variant<budgets::BudgetInput, ApiResponse> ReadInput(const Call& call) {
  return ReadV1Body<budgets::BudgetInput>(call.request.body, ReadBudgetInput);
}

ApiResponse Refused(const budgets::InputError& error) {
  return InvalidField(error.field, error.reason);
}

}  // namespace

ApiResponse HandleAdminBudgetList(const Call& call) {
  StoreResult<std::vector<Budget>> listed = call.store.ListBudgets();
  if (std::holds_alternative<StoreError>(listed)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  response.body = R"({"budgets":[)";
  bool first = true;
  for (Budget& budget : std::get<std::vector<Budget>>(listed)) {
    StoreResult<BudgetStatus> status =
        ReadBudgetStatus(call.store, std::move(budget), call.request.now_unix_ms, call.zones);
    if (std::holds_alternative<StoreError>(status)) {
      return StoreUnavailable();
    }
    response.body += first ? "" : ",";
    first = false;
    AppendBudgetStatusJson(response.body, std::get<BudgetStatus>(status));
  }
  response.body += "]}";
  return response;
}

ApiResponse HandleAdminBudgetCreate(const Call& call) {
  std::variant<budgets::BudgetInput, ApiResponse> input = ReadInput(call);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&input)) {
    return std::move(*refused);
  }
  std::variant<Budget, budgets::InputError> built = budgets::BuildBudget(
      std::get<budgets::BudgetInput>(input), RandomId("bud_"), call.request.now_unix_ms);
  if (const auto* error = std::get_if<budgets::InputError>(&built)) {
    return Refused(*error);
  }
  Budget& budget = std::get<Budget>(built);
  if (auto refused = ChangeRefusal(
          CreateBudgetSeeded(call.store, budget, Actor(call), call.request.now_unix_ms, call.zones),
          budget)) {
    return *std::move(refused);
  }
  CheckAlertsOf(call, budget);
  return StatusResponse(call, std::move(budget), 201);
}

ApiResponse HandleAdminBudgetGet(const Call& call) {
  std::variant<Budget, ApiResponse> found = PathBudget(call);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&found)) {
    return std::move(*refused);
  }
  return StatusResponse(call, std::get<Budget>(std::move(found)));
}

ApiResponse HandleAdminBudgetPatch(const Call& call) {
  std::variant<budgets::BudgetInput, ApiResponse> input = ReadInput(call);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&input)) {
    return std::move(*refused);
  }
  std::variant<Budget, ApiResponse> found = PathBudget(call);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&found)) {
    return std::move(*refused);
  }
  const Budget& before = std::get<Budget>(found);
  std::variant<Budget, budgets::InputError> changed = budgets::ChangeBudget(
      before, std::get<budgets::BudgetInput>(input), call.request.now_unix_ms);
  if (const auto* error = std::get_if<budgets::InputError>(&changed)) {
    return Refused(*error);
  }
  Budget& after = std::get<Budget>(changed);
  if (auto refused = ChangeRefusal(UpdateBudgetSeeded(call.store, before, after, Actor(call),
                                                      call.request.now_unix_ms, call.zones),
                                   after)) {
    return *std::move(refused);
  }
  CheckAlertsOf(call, after);
  return StatusResponse(call, std::move(after));
}

ApiResponse HandleAdminBudgetDelete(const Call& call) {
  std::variant<Budget, ApiResponse> found = PathBudget(call);
  if (ApiResponse* refused = std::get_if<ApiResponse>(&found)) {
    return std::move(*refused);
  }
  const Budget& budget = std::get<Budget>(found);
  if (auto refused = ChangeRefusal(
          DeleteBudgetAudited(call.store, budget, Actor(call), call.request.now_unix_ms), budget)) {
    return *std::move(refused);
  }
  ApiResponse response;
  response.body = R"({"deleted":true,"budget":)";
  AppendBudgetJson(response.body, budget);
  response.body += '}';
  return response;
}

}  // namespace costgate::central
