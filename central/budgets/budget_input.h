// A budget's settings as an operator gives them (the admin API's JSON body, `costgate budgets`
// options), checked and turned into a central::Budget: the one place the rules of a budget's
// fields are written (issue 14, "Budgets (central)").
//
// Fields carry the admin API's JSON names; an error names its field that way ("amount_usd",
// "scope.model", "thresholds_percent[2]"), and the CLI maps the name to its option.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "central/store/budget.h"
#include "pricing/money.h"

namespace costgate::central::budgets {

// The most a budget or a per-request cap may be: a million USD (1e18 pico-USD), so a period's
// spend plus what is held and leased against it stays far inside int64 pico-USD.
inline constexpr int64_t kMaxBudgetUsd = 1'000'000;
// Alert thresholds per budget, each a percent of the amount in [1, kMaxThresholdPercent].
inline constexpr size_t kMaxThresholds = 20;
inline constexpr int64_t kMaxThresholdPercent = 1000;

// The fields of a budget's scope by their names under "scope" (and, with "--", the CLI's
// options), in the order of BudgetScope.
struct ScopeField {
  std::string_view name;
  std::string BudgetScope::*member;
};
inline constexpr std::array<ScopeField, 8> kScopeFields = {{
    {"workspace", &BudgetScope::workspace},
    {"team", &BudgetScope::team},
    {"project", &BudgetScope::project},
    {"source_app", &BudgetScope::source_app},
    {"environment", &BudgetScope::environment},
    {"user", &BudgetScope::user},
    {"provider", &BudgetScope::provider},
    {"model", &BudgetScope::model},
}};

// What an operator sets; an absent field keeps the budget's value (a change) or takes its default
// (a new budget). Values are as given: BuildBudget/ChangeBudget check them.
struct BudgetInput {
  std::optional<std::string> name;
  std::array<std::optional<std::string>, kScopeFields.size()> scope;  // "" = any
  std::optional<std::string> period;
  std::optional<std::string> time_zone;
  std::optional<int64_t> fiscal_first_month;
  std::optional<std::string> amount_usd;  // decimal text (ParseBudgetUsd)
  std::optional<std::vector<int64_t>> thresholds_percent;
  std::optional<bool> hard_limit;
  std::optional<std::optional<std::string>> per_request_cap_usd;  // set to nullopt: no cap
  std::optional<std::optional<bool>> fail_closed;  // set to nullopt: the config's default
};

struct InputError {
  std::string field;   // "amount_usd", "scope.model", "thresholds_percent[2]"
  std::string reason;  // "must not be negative"
};

// An exact amount of USD from decimal text: digits, optionally a point and more digits ("250",
// "0.5", "12.000000000001"), at most 12 decimals (pico-USD) once trailing zeros are dropped, at
// most kMaxBudgetUsd. No sign, exponent or spaces. The reason when the text is refused.
std::variant<pricing::Money, std::string> ParseBudgetUsd(std::string_view text);

// Where IANA time zones are read from (TimeZone::Load).
inline const std::filesystem::path kSystemZoneinfo = "/usr/share/zoneinfo";

// A new budget from `input`. name, period and amount_usd are required; the rest default to UTC,
// fiscal_first_month 1, thresholds [50, 80, 100], soft, no per-request cap, the config's fail
// mode. Created and updated at `now_unix_ms`.
std::variant<Budget, InputError> BuildBudget(
    const BudgetInput& input, std::string id, int64_t now_unix_ms,
    const std::filesystem::path& zoneinfo = kSystemZoneinfo);

// `current` with each field `input` sets changed, checked; updated at `now_unix_ms`. The scope
// changes field by field: a field of `input.scope` left unset keeps the budget's.
std::variant<Budget, InputError> ChangeBudget(
    const Budget& current, const BudgetInput& input, int64_t now_unix_ms,
    const std::filesystem::path& zoneinfo = kSystemZoneinfo);

// True when `after` counts other events than `before` in a period, or cuts periods elsewhere
// (scope, period, time zone, fiscal first month): its counter must be seeded again. A changed
// amount is not such a change: the spend so far stays, a lowered budget can deny at once.
bool CountsDifferently(const Budget& before, const Budget& after);

}  // namespace costgate::central::budgets
