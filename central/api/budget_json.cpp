#include "central/api/budget_json.h"

#include <array>
#include <charconv>
#include <limits>
#include <utility>

#include "central/api/json_members.h"
#include "central/api/json_out.h"

namespace costgate::central {
namespace dom = simdjson::dom;
namespace {

using budgets::BudgetInput;
using budgets::kScopeFields;
using ScopeInput = decltype(BudgetInput::scope);

constexpr int64_t kAnyInt = std::numeric_limits<int64_t>::max();
// DBL_DIG: a decimal of this many significant digits survives the trip through a double.
constexpr size_t kExactDoubleDigits = 15;

size_t SignificantDigits(std::string_view fixed) {
  std::string digits;
  for (const char c : fixed) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    }
  }
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    return 0;
  }
  return digits.find_last_not_of('0') - first + 1;
}

// An amount as decimal text for budgets::ParseBudgetUsd: a string as given, an integer exactly,
// a number with a fraction as the shortest decimal that reads back as the same double (what the
// client wrote, when it wrote at most 15 significant digits).
FieldStatus ReadAmountText(dom::element value, std::string& out) {
  if (std::string_view text; value.get_string().get(text) == simdjson::SUCCESS) {
    out.assign(text);
    return std::nullopt;
  }
  if (int64_t whole = 0; value.is_int64() && value.get_int64().get(whole) == simdjson::SUCCESS) {
    out = std::to_string(whole);
    return std::nullopt;
  }
  if (uint64_t whole = 0; value.get_uint64().get(whole) == simdjson::SUCCESS) {
    out = std::to_string(whole);
    return std::nullopt;
  }
  double number = 0;
  if (value.get_double().get(number) != simdjson::SUCCESS) {
    return FieldError{"", "must be a decimal string or a number of USD"};
  }
  std::array<char, 400> buffer{};  // a double in fixed notation has at most ~330 characters
  const auto [end, ec] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), number, std::chars_format::fixed);
  if (ec != std::errc()) {
    return FieldError{"", "must be a decimal string or a number of USD"};
  }
  out.assign(buffer.data(), end);
  if (SignificantDigits(out) > kExactDoubleDigits) {
    return FieldError{"",
                      "has more significant digits than a JSON number holds exactly; send it "
                      "as a string (\"" +
                          out + "\")"};
  }
  return std::nullopt;
}

FieldStatus ReadAmount(dom::element value, std::optional<std::string>& out) {
  std::string text;
  if (FieldStatus error = ReadAmountText(value, text)) {
    return error;
  }
  out = std::move(text);
  return std::nullopt;
}

FieldStatus ReadAmountOrNull(dom::element value, std::optional<std::optional<std::string>>& out) {
  if (value.is_null()) {
    out.emplace(std::nullopt);
    return std::nullopt;
  }
  std::string text;
  if (FieldStatus error = ReadAmountText(value, text)) {
    return error;
  }
  out.emplace(std::move(text));
  return std::nullopt;
}

FieldStatus ReadText(dom::element value, std::optional<std::string>& out) {
  std::string text;
  if (FieldStatus error = ReadString(value, text)) {
    return error;
  }
  out = std::move(text);
  return std::nullopt;
}

FieldStatus ReadThresholds(dom::element value, std::optional<std::vector<int64_t>>& out) {
  dom::array array;
  if (value.get_array().get(array) != simdjson::SUCCESS) {
    return FieldError{"", "must be an array of integer percents"};
  }
  std::vector<int64_t> thresholds;
  for (const dom::element item : array) {
    int64_t percent = 0;
    if (FieldStatus error = ReadInt(item, std::numeric_limits<int64_t>::min(), kAnyInt, percent)) {
      return FieldError{"[" + std::to_string(thresholds.size()) + "]", "must be an integer"};
    }
    thresholds.push_back(percent);
  }
  out = std::move(thresholds);
  return std::nullopt;
}

// One rule per scope field: the field's index is the template argument (a rule is a plain
// function pointer). null reads as "" (any).
template <size_t I>
FieldStatus ReadScopeField(dom::element value, ScopeInput& out) {
  std::string text;
  if (FieldStatus error = ReadStringOrNull(value, text)) {
    return error;
  }
  out[I] = std::move(text);
  return std::nullopt;
}

template <size_t... I>
constexpr std::array<FieldRule<ScopeInput>, sizeof...(I)> ScopeRules(std::index_sequence<I...>) {
  return {{{kScopeFields[I].name, &ReadScopeField<I>}...}};
}

constexpr auto kScopeRules = ScopeRules(std::make_index_sequence<kScopeFields.size()>());

constexpr std::array<FieldRule<BudgetInput>, 10> kInputRules = {{
    {"name", [](dom::element v, BudgetInput& in) { return ReadText(v, in.name); }},
    {"scope",
     [](dom::element v, BudgetInput& in) {
       return ReadObject(v, kScopeRules, UnknownFields::kReject, in.scope);
     }},
    {"period", [](dom::element v, BudgetInput& in) { return ReadText(v, in.period); }},
    {"time_zone", [](dom::element v, BudgetInput& in) { return ReadText(v, in.time_zone); }},
    {"fiscal_first_month",
     [](dom::element v, BudgetInput& in) -> FieldStatus {
       int64_t month = 0;
       if (FieldStatus error = ReadInt(v, std::numeric_limits<int64_t>::min(), kAnyInt, month)) {
         return FieldError{"", "must be an integer month from 1 to 12"};
       }
       in.fiscal_first_month = month;
       return std::nullopt;
     }},
    {"amount_usd", [](dom::element v, BudgetInput& in) { return ReadAmount(v, in.amount_usd); }},
    {"thresholds_percent",
     [](dom::element v, BudgetInput& in) { return ReadThresholds(v, in.thresholds_percent); }},
    {"hard_limit",
     [](dom::element v, BudgetInput& in) -> FieldStatus {
       bool hard = false;
       if (FieldStatus error = ReadBool(v, hard)) {
         return error;
       }
       in.hard_limit = hard;
       return std::nullopt;
     }},
    {"per_request_cap_usd",
     [](dom::element v, BudgetInput& in) { return ReadAmountOrNull(v, in.per_request_cap_usd); }},
    {"fail_closed",
     [](dom::element v, BudgetInput& in) -> FieldStatus {
       if (v.is_null()) {
         in.fail_closed.emplace(std::nullopt);
         return std::nullopt;
       }
       bool closed = false;
       if (v.get_bool().get(closed) != simdjson::SUCCESS) {
         return FieldError{"", "must be true, false or null"};
       }
       in.fail_closed.emplace(closed);
       return std::nullopt;
     }},
}};

}  // namespace

void AppendScopeJson(std::string& out, const BudgetScope& scope) {
  out += '{';
  for (size_t i = 0; i < kScopeFields.size(); ++i) {
    out += i == 0 ? "" : ",";
    AppendJsonKey(out, kScopeFields[i].name);
    AppendJsonString(out, scope.*kScopeFields[i].member);
  }
  out += '}';
}

namespace {

// The budget's members; the caller opens and closes the object.
void AppendBudgetMembers(std::string& out, const Budget& budget) {
  JsonMember(out, "id", budget.id);
  JsonMember(out, "name", budget.name);
  JsonMemberName(out, "scope");
  AppendScopeJson(out, budget.scope);
  JsonMember(out, "period", budget.period);
  JsonMember(out, "time_zone", budget.time_zone);
  JsonMember(out, "fiscal_first_month", int64_t{budget.fiscal_first_month});
  JsonMoneyMembers(out, "amount", budget.amount);
  JsonMemberName(out, "thresholds_percent");
  out += '[';
  for (size_t i = 0; i < budget.thresholds_percent.size(); ++i) {
    out += i == 0 ? "" : ",";
    AppendJsonInt(out, budget.thresholds_percent[i]);
  }
  out += ']';
  JsonBoolMember(out, "hard_limit", budget.hard_limit);
  JsonMoneyMembers(out, "per_request_cap", budget.per_request_cap);
  JsonMemberName(out, "fail_closed");
  out += !budget.fail_closed ? "null" : *budget.fail_closed ? "true" : "false";
  JsonMember(out, "created_unix_ms", budget.created_unix_ms);
  JsonMember(out, "updated_unix_ms", budget.updated_unix_ms);
}

}  // namespace

std::variant<BudgetInput, FieldError> ReadBudgetInput(dom::element root) {
  BudgetInput input;
  if (FieldStatus error = ReadObject(root, kInputRules, UnknownFields::kReject, input)) {
    return *std::move(error);
  }
  return input;
}

void AppendBudgetJson(std::string& out, const Budget& budget) {
  out += '{';
  AppendBudgetMembers(out, budget);
  out += '}';
}

void AppendBudgetStatusJson(std::string& out, const BudgetStatus& status) {
  out += '{';
  AppendBudgetMembers(out, status.budget);
  JsonMemberName(out, "spend");
  out += '{';
  JsonMember(out, "period_key", status.period ? status.period->key : "");
  JsonMember(out, "period_start_unix_ms", status.period ? status.period->period.start_unix_ms : 0);
  JsonMember(out, "period_end_unix_ms", status.period ? status.period->period.end_unix_ms : 0);
  JsonMoneyMembers(out, "spent", status.spend.spent);
  JsonMember(out, "events", status.spend.events);
  JsonMemberName(out, "percent");
  const std::optional<int64_t> percent =
      budgets::PercentHundredths(status.spend.spent, status.budget.amount);
  out += percent ? PercentNumber(*percent) : "null";
  out += "}}";
}

void AppendAuditJson(std::string& out, const AuditEntry& entry) {
  out += '{';
  JsonMember(out, "id", entry.id);
  JsonMember(out, "at_unix_ms", entry.at_unix_ms);
  JsonMember(out, "actor", entry.actor);
  JsonMember(out, "action", entry.action);
  JsonMember(out, "object_id", entry.object_id);
  // Written by AppendBudgetJson in the change's transaction: JSON already.
  JsonMemberName(out, "before");
  out += entry.before_json.empty() ? "null" : entry.before_json;
  JsonMemberName(out, "after");
  out += entry.after_json.empty() ? "null" : entry.after_json;
  out += '}';
}

std::string PercentNumber(int64_t hundredths) {
  std::string out = std::to_string(hundredths / 100);
  const int64_t fraction = hundredths % 100;
  if (fraction != 0) {
    out += '.';
    out += static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) {
      out += static_cast<char>('0' + fraction % 10);
    }
  }
  return out;
}

}  // namespace costgate::central
