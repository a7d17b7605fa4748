#include "daemon/budget/lease_json.h"

#include <array>
#include <limits>

#include "base/json_text.h"
#include "central/api/json_read.h"

namespace costgate::daemon::budget {
namespace {

namespace dom = simdjson::dom;
using central::FieldError;
using central::FieldRule;
using central::FieldStatus;
using central::ReadObject;
using central::UnknownFields;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

FieldStatus ReadMoney(dom::element v, pricing::Money& out) {
  int64_t pico = 0;
  if (FieldStatus error = central::ReadInt(v, 0, kMax, pico)) {
    return error;
  }
  out = pricing::Money::FromPico(pico);
  return std::nullopt;
}

FieldStatus ReadMoneyOrNull(dom::element v, std::optional<pricing::Money>& out) {
  out.reset();
  if (v.is_null()) {
    return std::nullopt;
  }
  return ReadMoney(v, out.emplace());
}

FieldStatus ReadBoolOrNull(dom::element v, std::optional<bool>& out) {
  out.reset();
  if (v.is_null()) {
    return std::nullopt;
  }
  return central::ReadBool(v, out.emplace());
}

FieldStatus ReadTime(dom::element v, int64_t& out) { return central::ReadInt(v, 0, kMax, out); }

constexpr auto kScopeRules = std::to_array<FieldRule<BudgetScope>>({
    {"workspace",
     [](dom::element v, BudgetScope& s) { return central::ReadString(v, s.workspace); }},
    {"team", [](dom::element v, BudgetScope& s) { return central::ReadString(v, s.team); }},
    {"project", [](dom::element v, BudgetScope& s) { return central::ReadString(v, s.project); }},
    {"source_app",
     [](dom::element v, BudgetScope& s) { return central::ReadString(v, s.source_app); }},
    {"environment",
     [](dom::element v, BudgetScope& s) { return central::ReadString(v, s.environment); }},
    {"user", [](dom::element v, BudgetScope& s) { return central::ReadString(v, s.user); }},
    {"provider", [](dom::element v, BudgetScope& s) { return central::ReadString(v, s.provider); }},
    {"model", [](dom::element v, BudgetScope& s) { return central::ReadString(v, s.model); }},
});

constexpr auto kLeaseRules = std::to_array<FieldRule<LeaseGrant>>({
    {"granted_pico_usd", [](dom::element v, LeaseGrant& l) { return ReadMoney(v, l.granted); },
     true},
    {"expires_unix_ms",
     [](dom::element v, LeaseGrant& l) { return ReadTime(v, l.expires_unix_ms); }, true},
});

FieldStatus ReadLease(dom::element v, std::optional<LeaseGrant>& out) {
  out.reset();
  if (v.is_null()) {
    return std::nullopt;
  }
  return ReadObject(v, kLeaseRules, UnknownFields::kIgnore, out.emplace());
}

constexpr auto kBudgetRules = std::to_array<FieldRule<SyncedBudget>>({
    {"id", [](dom::element v, SyncedBudget& b) { return central::ReadNonEmptyString(v, b.id); },
     true},
    {"name",
     [](dom::element v, SyncedBudget& b) { return central::ReadDisplayStringOrNull(v, b.name); },
     true},
    {"scope",
     [](dom::element v, SyncedBudget& b) {
       return ReadObject(v, kScopeRules, UnknownFields::kIgnore, b.scope);
     },
     true},
    {"period_key",
     [](dom::element v, SyncedBudget& b) { return central::ReadNonEmptyString(v, b.period_key); },
     true},
    {"period_end_unix_ms",
     [](dom::element v, SyncedBudget& b) { return ReadTime(v, b.period_end_unix_ms); }, true},
    {"hard_limit",
     [](dom::element v, SyncedBudget& b) { return central::ReadBool(v, b.hard_limit); }, true},
    {"per_request_cap_pico_usd",
     [](dom::element v, SyncedBudget& b) { return ReadMoneyOrNull(v, b.per_request_cap); }},
    {"fail_closed",
     [](dom::element v, SyncedBudget& b) { return ReadBoolOrNull(v, b.fail_closed); }},
    {"lease", [](dom::element v, SyncedBudget& b) { return ReadLease(v, b.lease); }},
});

FieldStatus ReadBudgets(dom::element v, std::vector<SyncedBudget>& out) {
  dom::array array;
  if (v.get_array().get(array) != simdjson::SUCCESS) {
    return FieldError{"", "must be an array"};
  }
  out.clear();
  size_t i = 0;
  for (dom::element element : array) {
    SyncedBudget& budget = out.emplace_back();
    if (FieldStatus error = ReadObject(element, kBudgetRules, UnknownFields::kIgnore, budget)) {
      std::string index = "[";
      index.append(std::to_string(i)).push_back(']');
      return central::Nest(std::move(*error), index);
    }
    ++i;
  }
  return std::nullopt;
}

constexpr auto kAnswerRules = std::to_array<FieldRule<LeaseAnswer>>({
    {"now_unix_ms", [](dom::element v, LeaseAnswer& a) { return ReadTime(v, a.now_unix_ms); },
     true},
    {"lease_ttl_ms",
     [](dom::element v, LeaseAnswer& a) { return central::ReadInt(v, 1, kMax, a.lease_ttl_ms); },
     true},
    {"budgets", [](dom::element v, LeaseAnswer& a) { return ReadBudgets(v, a.budgets); }, true},
});

}  // namespace

std::string LeaseRequestJson(std::string_view holder, std::span<const LeaseReport> leases) {
  std::string out = "{";
  base::AppendJsonKey(out, "holder");
  base::AppendJsonString(out, holder);
  out += ',';
  base::AppendJsonKey(out, "leases");
  out += '[';
  for (size_t i = 0; i < leases.size(); ++i) {
    const LeaseReport& l = leases[i];
    out += i == 0 ? "{" : ",{";
    base::AppendJsonKey(out, "budget_id");
    base::AppendJsonString(out, l.budget_id);
    out += ',';
    base::AppendJsonKey(out, "period_key");
    base::AppendJsonString(out, l.period_key);
    out += ',';
    base::AppendJsonKey(out, "used_pico_usd");
    base::AppendJsonInt(out, l.used.pico());
    out += ',';
    base::AppendJsonKey(out, "need_pico_usd");
    base::AppendJsonInt(out, l.need.pico());
    out += ',';
    base::AppendJsonKey(out, "release");
    out += l.release ? "true}" : "false}";
  }
  out += "]}";
  return out;
}

std::variant<LeaseAnswer, std::string> ReadLeaseAnswer(std::string_view body) {
  dom::element root;
  if (central::ParseJsonBody(body).get(root) != simdjson::SUCCESS) {
    return std::string("not JSON");
  }
  LeaseAnswer answer;
  if (FieldStatus error = ReadObject(root, kAnswerRules, UnknownFields::kIgnore, answer)) {
    if (!error->field.empty()) {
      error->reason.insert(0, error->field + ": ");
    }
    return std::move(error->reason);
  }
  return answer;
}

}  // namespace costgate::daemon::budget
