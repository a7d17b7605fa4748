#include "central/budgets/budget_input.h"

#include <algorithm>
#include <utility>

#include "base/text_rule.h"
#include "central/budgets/period.h"
#include "central/budgets/time_zone.h"

namespace costgate::central::budgets {
namespace {

using pricing::Money;

// Budget ids start so; a name that did too could be taken for another budget's id.
constexpr std::string_view kIdPrefix = "bud_";
constexpr size_t kPicoDecimals = 12;

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<InputError> CheckLabel(std::string_view field, std::string_view value) {
  const base::TextProblem problem = base::CheckText(value, base::kMaxIdBytes);
  if (problem == base::TextProblem::kNone) {
    return std::nullopt;
  }
  return InputError{std::string(field), base::TextProblemReason(problem, base::kMaxIdBytes)};
}

std::optional<InputError> ApplyName(const std::string& name, Budget& budget) {
  if (name.empty()) {
    return InputError{"name", "must not be empty"};
  }
  if (auto error = CheckLabel("name", name)) {
    return error;
  }
  if (name.starts_with(kIdPrefix)) {
    return InputError{"name", "must not start with bud_ (budget ids do)"};
  }
  budget.name = name;
  return std::nullopt;
}

std::optional<InputError> ApplyScope(const BudgetInput& input, Budget& budget) {
  for (size_t i = 0; i < kScopeFields.size(); ++i) {
    if (!input.scope[i]) {
      continue;
    }
    const std::string field = "scope." + std::string(kScopeFields[i].name);
    if (auto error = CheckLabel(field, *input.scope[i])) {
      return error;
    }
    budget.scope.*kScopeFields[i].member = *input.scope[i];
  }
  return std::nullopt;
}

std::optional<InputError> ApplyTimeZone(const std::string& name,
                                        const std::filesystem::path& zoneinfo, Budget& budget) {
  std::variant<TimeZone, std::string> zone = TimeZone::Load(name, zoneinfo);
  if (auto* reason = std::get_if<std::string>(&zone)) {
    return InputError{"time_zone",
                      "must be an IANA time zone such as Europe/Berlin (" + *reason + ")"};
  }
  budget.time_zone = std::get<TimeZone>(zone).name();
  return std::nullopt;
}

std::optional<InputError> ApplyThresholds(std::vector<int64_t> thresholds, Budget& budget) {
  if (thresholds.size() > kMaxThresholds) {
    return InputError{"thresholds_percent",
                      "must hold at most " + std::to_string(kMaxThresholds) + " percents"};
  }
  for (size_t i = 0; i < thresholds.size(); ++i) {
    const std::string field = "thresholds_percent[" + std::to_string(i) + "]";
    if (thresholds[i] < 1 || thresholds[i] > kMaxThresholdPercent) {
      return InputError{field, "must be a percent from 1 to " +
                                   std::to_string(kMaxThresholdPercent) + ", got " +
                                   std::to_string(thresholds[i])};
    }
    for (size_t j = 0; j < i; ++j) {
      if (thresholds[j] == thresholds[i]) {
        return InputError{
            field, "must not repeat a percent (" + std::to_string(thresholds[i]) + " twice)"};
      }
    }
  }
  std::sort(thresholds.begin(), thresholds.end());
  budget.thresholds_percent.assign(thresholds.begin(), thresholds.end());
  return std::nullopt;
}

std::optional<InputError> ApplyCap(const std::optional<std::string>& text, Budget& budget) {
  if (!text) {
    budget.per_request_cap.reset();
    return std::nullopt;
  }
  std::variant<Money, std::string> cap = ParseBudgetUsd(*text);
  if (auto* reason = std::get_if<std::string>(&cap)) {
    return InputError{"per_request_cap_usd", *reason};
  }
  if (std::get<Money>(cap).pico() == 0) {
    return InputError{"per_request_cap_usd", "must be more than 0 (null: no cap)"};
  }
  budget.per_request_cap = std::get<Money>(cap);
  return std::nullopt;
}

// Applies every field `input` sets to `budget`, each checked; the first error met, in the order
// of the fields.
std::optional<InputError> Apply(const BudgetInput& input, const std::filesystem::path& zoneinfo,
                                Budget& budget) {
  if (input.name) {
    if (auto error = ApplyName(*input.name, budget)) {
      return error;
    }
  }
  if (auto error = ApplyScope(input, budget)) {
    return error;
  }
  if (input.period) {
    if (!ParsePeriodKind(*input.period)) {
      return InputError{"period", "must be daily, weekly, monthly or quarterly"};
    }
    budget.period = *input.period;
  }
  if (input.time_zone) {
    if (auto error = ApplyTimeZone(*input.time_zone, zoneinfo, budget)) {
      return error;
    }
  }
  if (input.fiscal_first_month) {
    if (*input.fiscal_first_month < 1 || *input.fiscal_first_month > 12) {
      return InputError{"fiscal_first_month", "must be a month from 1 to 12"};
    }
    budget.fiscal_first_month = static_cast<int>(*input.fiscal_first_month);
  }
  if (input.amount_usd) {
    std::variant<Money, std::string> amount = ParseBudgetUsd(*input.amount_usd);
    if (auto* reason = std::get_if<std::string>(&amount)) {
      return InputError{"amount_usd", *reason};
    }
    budget.amount = std::get<Money>(amount);
  }
  if (input.thresholds_percent) {
    if (auto error = ApplyThresholds(*input.thresholds_percent, budget)) {
      return error;
    }
  }
  if (input.hard_limit) {
    budget.hard_limit = *input.hard_limit;
  }
  if (input.per_request_cap_usd) {
    if (auto error = ApplyCap(*input.per_request_cap_usd, budget)) {
      return error;
    }
  }
  if (input.fail_closed) {
    budget.fail_closed = *input.fail_closed;
  }
  return std::nullopt;
}

}  // namespace

std::variant<Money, std::string> ParseBudgetUsd(std::string_view text) {
  if (text.starts_with('-')) {
    return std::string("must not be negative");
  }
  const size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (!AllDigits(whole) || (point != std::string_view::npos && !AllDigits(fraction))) {
    return "must be a decimal amount of USD such as \"250\" or \"0.5\", got \"" +
           base::BoundText(text, 64) + "\"";
  }
  while (!fraction.empty() && fraction.back() == '0') {
    fraction.remove_suffix(1);
  }
  if (fraction.size() > kPicoDecimals) {
    return std::string("must have at most 12 decimals (pico-USD)");
  }
  while (whole.size() > 1 && whole.front() == '0') {
    whole.remove_prefix(1);
  }
  const std::string too_large = "must be at most " + std::to_string(kMaxBudgetUsd);
  // Bounds the text before ParseUsd sees it: more integer digits than the limit has is too much.
  if (whole.size() > std::to_string(kMaxBudgetUsd).size()) {
    return too_large;
  }
  // Exact: ParseUsd rounds only past the 12th decimal, which was refused above.
  const std::optional<Money> amount = pricing::ParseUsd(text);
  if (!amount || amount->pico() > kMaxBudgetUsd * pricing::kPicoPerUsd) {
    return too_large;
  }
  return *amount;
}

std::variant<Budget, InputError> BuildBudget(const BudgetInput& input, std::string id,
                                             int64_t now_unix_ms,
                                             const std::filesystem::path& zoneinfo) {
  for (const auto& [present, field] :
       {std::pair{input.name.has_value(), "name"}, std::pair{input.period.has_value(), "period"},
        std::pair{input.amount_usd.has_value(), "amount_usd"}}) {
    if (!present) {
      return InputError{field, "required"};
    }
  }
  Budget budget;
  budget.id = std::move(id);
  if (auto error = Apply(input, zoneinfo, budget)) {
    return *std::move(error);
  }
  budget.created_unix_ms = now_unix_ms;
  budget.updated_unix_ms = now_unix_ms;
  return budget;
}

std::variant<Budget, InputError> ChangeBudget(const Budget& current, const BudgetInput& input,
                                              int64_t now_unix_ms,
                                              const std::filesystem::path& zoneinfo) {
  Budget budget = current;
  if (auto error = Apply(input, zoneinfo, budget)) {
    return *std::move(error);
  }
  budget.updated_unix_ms = now_unix_ms;
  return budget;
}

bool CountsDifferently(const Budget& before, const Budget& after) {
  return before.scope != after.scope || before.period != after.period ||
         before.time_zone != after.time_zone ||
         before.fiscal_first_month != after.fiscal_first_month;
}

}  // namespace costgate::central::budgets
