// The rules of a budget's fields (budget_input.h): exact amounts, defaults, and each refusal
// naming its field.
#include "central/budgets/budget_input.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace costgate::central::budgets {
namespace {

using pricing::Money;

constexpr int64_t kInputNow = 1'763'800'000'000;

int64_t PicoOf(std::string_view text) {
  const auto parsed = ParseBudgetUsd(text);
  if (const auto* reason = std::get_if<std::string>(&parsed)) {
    ADD_FAILURE() << text << ": " << *reason;
    return -1;
  }
  return std::get<Money>(parsed).pico();
}

std::string ReasonOf(std::string_view text) {
  const auto parsed = ParseBudgetUsd(text);
  if (std::holds_alternative<Money>(parsed)) {
    ADD_FAILURE() << text << " was accepted";
    return "";
  }
  return std::get<std::string>(parsed);
}

BudgetInput MinimalInput() {
  BudgetInput in;
  in.name = "video-team";
  in.period = "monthly";
  in.amount_usd = "250";
  return in;
}

InputError BuildError(const BudgetInput& in) {
  auto built = BuildBudget(in, "bud_000000000001", kInputNow);
  if (std::holds_alternative<Budget>(built)) {
    ADD_FAILURE() << "accepted";
    return {};
  }
  return std::get<InputError>(built);
}

TEST(ParseBudgetUsd, ReadsDecimalsExactly) {
  EXPECT_EQ(PicoOf("250"), 250'000'000'000'000);
  EXPECT_EQ(PicoOf("0.5"), 500'000'000'000);
  EXPECT_EQ(PicoOf("0.000000000001"), 1);
  EXPECT_EQ(PicoOf("12.345678901234"), 12'345'678'901'234);
  EXPECT_EQ(PicoOf("0"), 0);
  EXPECT_EQ(PicoOf("007.10"), 7'100'000'000'000);
  EXPECT_EQ(PicoOf("1.50000000000000000000"), 1'500'000'000'000);  // zeros past 12 are exact
  EXPECT_EQ(PicoOf("1000000"), 1'000'000'000'000'000'000);
}

TEST(ParseBudgetUsd, RefusesWhatIsNotAnExactAmount) {
  EXPECT_EQ(ReasonOf("-1"), "must not be negative");
  EXPECT_EQ(ReasonOf("0.0000000000001"), "must have at most 12 decimals (pico-USD)");
  EXPECT_EQ(ReasonOf("1000000.000000000001"), "must be at most 1000000");
  EXPECT_EQ(ReasonOf("99999999999999999999999999999999999"), "must be at most 1000000");
  for (const std::string_view bad : {"", ".5", "5.", "1e3", "1,5", " 1", "+1", "one", "0x10"}) {
    EXPECT_NE(ReasonOf(bad).find("must be a decimal amount of USD"), std::string::npos) << bad;
  }
}

TEST(BuildBudget, AppliesTheDefaults) {
  const auto built = BuildBudget(MinimalInput(), "bud_000000000001", kInputNow);
  ASSERT_TRUE(std::holds_alternative<Budget>(built));
  const Budget& b = std::get<Budget>(built);
  EXPECT_EQ(b.id, "bud_000000000001");
  EXPECT_EQ(b.name, "video-team");
  EXPECT_EQ(b.scope, BudgetScope{});
  EXPECT_EQ(b.period, "monthly");
  EXPECT_EQ(b.time_zone, "UTC");
  EXPECT_EQ(b.fiscal_first_month, 1);
  EXPECT_EQ(b.amount, Money::FromPico(250'000'000'000'000));
  EXPECT_EQ(b.thresholds_percent, (std::vector<int>{50, 80, 100}));
  EXPECT_FALSE(b.hard_limit);
  EXPECT_EQ(b.per_request_cap, std::nullopt);
  EXPECT_EQ(b.fail_closed, std::nullopt);
  EXPECT_EQ(b.created_unix_ms, kInputNow);
  EXPECT_EQ(b.updated_unix_ms, kInputNow);
}

TEST(BuildBudget, TakesEveryField) {
  BudgetInput in = MinimalInput();
  in.scope[1] = "video";
  in.scope[7] = "gemini-2.5-flash";
  in.period = "quarterly";
  in.time_zone = "Europe/Berlin";
  in.fiscal_first_month = 4;
  in.thresholds_percent = std::vector<int64_t>{100, 25, 150};
  in.hard_limit = true;
  in.per_request_cap_usd = std::optional<std::string>("0.25");
  in.fail_closed = std::optional<bool>(true);
  const auto built = BuildBudget(in, "bud_000000000001", kInputNow);
  ASSERT_TRUE(std::holds_alternative<Budget>(built)) << std::get<InputError>(built).reason;
  const Budget& b = std::get<Budget>(built);
  EXPECT_EQ(b.scope.team, "video");
  EXPECT_EQ(b.scope.model, "gemini-2.5-flash");
  EXPECT_EQ(b.time_zone, "Europe/Berlin");
  EXPECT_EQ(b.fiscal_first_month, 4);
  EXPECT_EQ(b.thresholds_percent, (std::vector<int>{25, 100, 150}));  // sorted
  EXPECT_TRUE(b.hard_limit);
  EXPECT_EQ(b.per_request_cap, Money::FromPico(250'000'000'000));
  EXPECT_EQ(b.fail_closed, true);
}

TEST(BuildBudget, NameAndPeriodAndAmountAreRequired) {
  for (auto field : {&BudgetInput::name, &BudgetInput::period, &BudgetInput::amount_usd}) {
    BudgetInput in = MinimalInput();
    (in.*field).reset();
    const InputError error = BuildError(in);
    EXPECT_EQ(error.reason, "required") << error.field;
  }
  BudgetInput in = MinimalInput();
  in.period.reset();
  EXPECT_EQ(BuildError(in).field, "period");
}

TEST(BuildBudget, EachBadFieldIsNamed) {
  struct Case {
    void (*set)(BudgetInput&);
    std::string field;
    std::string reason_part;
  };
  const Case cases[] = {
      {[](BudgetInput& in) { in.name = ""; }, "name", "must not be empty"},
      {[](BudgetInput& in) { in.name = "bud_123"; }, "name", "bud_"},
      {[](BudgetInput& in) { in.name = "a\tb"; }, "name", "control characters"},
      {[](BudgetInput& in) { in.scope[7] = std::string(300, 'm'); }, "scope.model", "256 bytes"},
      {[](BudgetInput& in) { in.scope[3] = "\xff"; }, "scope.source_app", "UTF-8"},
      {[](BudgetInput& in) { in.period = "yearly"; }, "period", "daily, weekly"},
      {[](BudgetInput& in) { in.time_zone = "Mars/Olympus_Mons"; }, "time_zone", "no such zone"},
      {[](BudgetInput& in) { in.time_zone = "../etc/passwd"; }, "time_zone", "IANA"},
      {[](BudgetInput& in) { in.fiscal_first_month = 13; }, "fiscal_first_month", "1 to 12"},
      {[](BudgetInput& in) { in.fiscal_first_month = 0; }, "fiscal_first_month", "1 to 12"},
      {[](BudgetInput& in) { in.amount_usd = "-5"; }, "amount_usd", "negative"},
      {[](BudgetInput& in) { in.amount_usd = "2000000"; }, "amount_usd", "at most 1000000"},
      {[](BudgetInput& in) {
         in.thresholds_percent = std::vector<int64_t>{50, 0};
       },
       "thresholds_percent[1]", "from 1 to 1000"},
      {[](BudgetInput& in) { in.thresholds_percent = std::vector<int64_t>{1001}; },
       "thresholds_percent[0]", "from 1 to 1000"},
      {[](BudgetInput& in) {
         in.thresholds_percent = std::vector<int64_t>{80, 50, 80};
       },
       "thresholds_percent[2]", "80 twice"},
      {[](BudgetInput& in) { in.thresholds_percent = std::vector<int64_t>(21, 1); },
       "thresholds_percent", "at most 20"},
      {[](BudgetInput& in) { in.per_request_cap_usd = std::optional<std::string>("0"); },
       "per_request_cap_usd", "more than 0"},
      {[](BudgetInput& in) { in.per_request_cap_usd = std::optional<std::string>("1e2"); },
       "per_request_cap_usd", "decimal amount"},
  };
  for (const Case& c : cases) {
    BudgetInput in = MinimalInput();
    c.set(in);
    const InputError error = BuildError(in);
    EXPECT_EQ(error.field, c.field) << error.reason;
    EXPECT_NE(error.reason.find(c.reason_part), std::string::npos)
        << c.field << ": " << error.reason;
  }
}

TEST(BuildBudget, NoThresholdsIsABudgetWithoutAlerts) {
  BudgetInput in = MinimalInput();
  in.thresholds_percent = std::vector<int64_t>{};
  const auto built = BuildBudget(in, "bud_000000000001", kInputNow);
  ASSERT_TRUE(std::holds_alternative<Budget>(built));
  EXPECT_TRUE(std::get<Budget>(built).thresholds_percent.empty());
}

TEST(ChangeBudget, ChangesOnlyWhatIsSetAndTheScopeFieldByField) {
  BudgetInput first = MinimalInput();
  first.scope[0] = "ford";
  first.scope[1] = "video";
  first.per_request_cap_usd = std::optional<std::string>("1");
  const Budget before = std::get<Budget>(BuildBudget(first, "bud_000000000001", kInputNow));

  BudgetInput change;
  change.scope[1] = "";  // any team again
  change.scope[6] = "gemini";
  change.amount_usd = "10";
  change.per_request_cap_usd = std::optional<std::string>();  // no cap
  const auto changed = ChangeBudget(before, change, kInputNow + 5);
  ASSERT_TRUE(std::holds_alternative<Budget>(changed));
  const Budget& after = std::get<Budget>(changed);
  EXPECT_EQ(after.scope.workspace, "ford");
  EXPECT_EQ(after.scope.team, "");
  EXPECT_EQ(after.scope.provider, "gemini");
  EXPECT_EQ(after.amount, Money::FromPico(10'000'000'000'000));
  EXPECT_EQ(after.per_request_cap, std::nullopt);
  EXPECT_EQ(after.name, before.name);
  EXPECT_EQ(after.period, before.period);
  EXPECT_EQ(after.created_unix_ms, kInputNow);
  EXPECT_EQ(after.updated_unix_ms, kInputNow + 5);
}

TEST(ChangeBudget, ABadFieldLeavesNothingChangedAndIsNamed) {
  const Budget before = std::get<Budget>(BuildBudget(MinimalInput(), "bud_1", kInputNow));
  BudgetInput change;
  change.fiscal_first_month = -1;
  const auto changed = ChangeBudget(before, change, kInputNow);
  ASSERT_TRUE(std::holds_alternative<InputError>(changed));
  EXPECT_EQ(std::get<InputError>(changed).field, "fiscal_first_month");
}

TEST(CountsDifferently, ScopePeriodZoneAndFiscalMonthDoAmountAndAlertsDoNot) {
  const Budget before = std::get<Budget>(BuildBudget(MinimalInput(), "bud_1", kInputNow));
  const auto after = [&before](void (*change)(Budget&)) {
    Budget b = before;
    change(b);
    return b;
  };
  EXPECT_TRUE(CountsDifferently(before, after([](Budget& b) { b.scope.user = "u-1"; })));
  EXPECT_TRUE(CountsDifferently(before, after([](Budget& b) { b.period = "weekly"; })));
  EXPECT_TRUE(CountsDifferently(before, after([](Budget& b) { b.time_zone = "Asia/Tokyo"; })));
  EXPECT_TRUE(CountsDifferently(before, after([](Budget& b) { b.fiscal_first_month = 4; })));
  EXPECT_FALSE(CountsDifferently(before, after([](Budget& b) { b.amount = Money::FromPico(1); })));
  EXPECT_FALSE(CountsDifferently(before, after([](Budget& b) { b.hard_limit = true; })));
  EXPECT_FALSE(CountsDifferently(before, after([](Budget& b) { b.name = "renamed"; })));
}

}  // namespace
}  // namespace costgate::central::budgets
