// The lease protocol's JSON as the proxy writes and reads it.
#include "daemon/budget/lease_json.h"

#include <gtest/gtest.h>

namespace costgate::daemon::budget {
namespace {

using pricing::Money;

constexpr std::string_view kLeaseAnswerJson = R"({"now_unix_ms":1800000000000,
  "lease_ttl_ms":60000,"extra":"ignored",
  "budgets":[
    {"id":"bud_a","name":"Team A","scope":{"workspace":"ford","team":"","project":"p-7",
      "source_app":"","environment":"","user":"","provider":"gemini","model":""},
     "period":"monthly","period_key":"2027-01","period_end_unix_ms":1801000000000,
     "hard_limit":true,"per_request_cap_pico_usd":5000,"fail_closed":true,
     "lease":{"granted_pico_usd":123,"expires_unix_ms":1800000060000}},
    {"id":"bud_b","name":"Soft","scope":{"workspace":"","team":"","project":"",
      "source_app":"","environment":"","user":"","provider":"","model":""},
     "period":"daily","period_key":"2027-01-05","period_end_unix_ms":1800086400000,
     "hard_limit":false,"per_request_cap_pico_usd":null,"fail_closed":null,"lease":null}]})";

TEST(LeaseJson, TheRequestCarriesEachLeaseUseNeedAndRelease) {
  const std::vector<LeaseReport> reports = {
      {"bud_a", "2027-01", Money::FromPico(123), Money::FromPico(0), false},
      {"bud_b", "2027-01-05", Money::FromPico(0), Money::FromPico(4500), false},
  };
  EXPECT_EQ(LeaseRequestJson("px_0123456789abcdef", reports),
            R"({"holder":"px_0123456789abcdef","leases":[)"
            R"({"budget_id":"bud_a","period_key":"2027-01","used_pico_usd":123,)"
            R"("need_pico_usd":0,"release":false},)"
            R"({"budget_id":"bud_b","period_key":"2027-01-05","used_pico_usd":0,)"
            R"("need_pico_usd":4500,"release":false}]})");
  EXPECT_EQ(LeaseRequestJson("px_1", {}), R"({"holder":"px_1","leases":[]})");
}

TEST(LeaseJson, TheAnswerIsReadWithEveryField) {
  const auto read = ReadLeaseAnswer(kLeaseAnswerJson);
  ASSERT_TRUE(std::holds_alternative<LeaseAnswer>(read)) << std::get<std::string>(read);
  const LeaseAnswer& answer = std::get<LeaseAnswer>(read);
  EXPECT_EQ(answer.now_unix_ms, 1'800'000'000'000);
  EXPECT_EQ(answer.lease_ttl_ms, 60'000);
  ASSERT_EQ(answer.budgets.size(), 2u);
  const SyncedBudget& a = answer.budgets[0];
  EXPECT_EQ(a.id, "bud_a");
  EXPECT_EQ(a.name, "Team A");
  EXPECT_EQ(a.scope.workspace, "ford");
  EXPECT_EQ(a.scope.project, "p-7");
  EXPECT_EQ(a.scope.provider, "gemini");
  EXPECT_EQ(a.period_key, "2027-01");
  EXPECT_EQ(a.period_end_unix_ms, 1'801'000'000'000);
  EXPECT_TRUE(a.hard_limit);
  EXPECT_EQ(a.per_request_cap, Money::FromPico(5000));
  EXPECT_EQ(a.fail_closed, true);
  ASSERT_TRUE(a.lease.has_value());
  EXPECT_EQ(a.lease->granted, Money::FromPico(123));
  EXPECT_EQ(a.lease->expires_unix_ms, 1'800'000'060'000);
  const SyncedBudget& b = answer.budgets[1];
  EXPECT_FALSE(b.hard_limit);
  EXPECT_EQ(b.per_request_cap, std::nullopt);
  EXPECT_EQ(b.fail_closed, std::nullopt);
  EXPECT_EQ(b.lease, std::nullopt);
}

TEST(LeaseJson, AnAnswerMissingAFieldIsRefusedNamingIt) {
  std::string broken(kLeaseAnswerJson);
  broken.replace(broken.find(R"("granted_pico_usd":123,)"), 23, "");
  const auto read = ReadLeaseAnswer(broken);
  ASSERT_TRUE(std::holds_alternative<std::string>(read));
  EXPECT_EQ(std::get<std::string>(read), "budgets[0].lease.granted_pico_usd: required");
  EXPECT_EQ(std::get<std::string>(ReadLeaseAnswer("{")), "not JSON");
  EXPECT_EQ(
      std::get<std::string>(ReadLeaseAnswer(R"({"now_unix_ms":1,"lease_ttl_ms":0,"budgets":[]})")),
      "lease_ttl_ms: must be an integer >= 1");
}

}  // namespace
}  // namespace costgate::daemon::budget
