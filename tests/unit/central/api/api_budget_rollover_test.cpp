// A hard budget across its period's end, at central's API with the time of each request injected
// (the handlers take `now`): exhausted in November it denies until December starts, then admits
// again; November's events, holds and leases never count in December, even when they arrive
// after it started.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "pricing/money.h"
#include "tests/unit/central/api/api_harness.h"

namespace costgate::central {
namespace {

using pricing::Money;
using testing::ApiHarness;
using testing::Batch;
using testing::ExampleEvent;
using testing::Json;
using testing::kNow;
using testing::Replace;
using testing::StoredEvent;

constexpr int64_t kRolloverDecember = 1'764'547'200'000;  // 2025-12-01T00:00:00Z
constexpr int64_t kRolloverLeaseTtl = 30'000;
constexpr std::string_view kRolloverApp = "video-accessibility";  // the example event's

// A preflight of the example event's call (its labels, model and units).
constexpr std::string_view kRolloverCall =
    R"({"user_external_id":"u-42","source_app":"video-accessibility","model":"gemini-2.5-flash",)"
    R"("estimated_units":{"input_tokens":3520,"output_tokens":2}})";

// The example event (dated kNow, in November) with this id, carrying `holder` when set.
std::string RolloverEvent(std::string_view event_id, std::string_view holder = "") {
  std::string event = ExampleEvent(event_id);
  if (!holder.empty()) {
    event = Replace(event, R"("unpriced_reason": "")",
                    R"("unpriced_reason": "", "budget_holder": ")" + std::string(holder) + "\"");
  }
  return event;
}

// The same, dated in December (its start and end `offset_ms` after December starts).
std::string DecemberEvent(std::string_view event_id, int64_t offset_ms,
                          std::string_view holder = "") {
  const int64_t start = kRolloverDecember + offset_ms;
  return Replace(Replace(RolloverEvent(event_id, holder), "1763800000000", std::to_string(start)),
                 "1763800001200", std::to_string(start + 1'200));
}

class ApiBudgetRollover : public ::testing::Test {
 protected:
  ApiBudgetRollover()
      : h_(ApiLimits{.budget_lease_ttl_ms = kRolloverLeaseTtl}),
        ship_key_(h_.MakeKey("ship", kRolloverApp)),
        preflight_key_(h_.MakeKey("preflight", kRolloverApp)),
        admin_key_(h_.MakeKey("admin", kRolloverApp)) {}

  // A hard monthly budget over the app's calls of `amount`, made through the admin API in
  // November: it starts from November's stored events.
  void AddBudget(Money amount) {
    const ApiResponse r =
        h_.Post("/admin/v1/budgets", admin_key_,
                R"({"name":"rollover","scope":{"source_app":")" + std::string(kRolloverApp) +
                    R"("},"period":"monthly","amount_usd":")" + pricing::FormatUsd(amount, 12) +
                    R"(","hard_limit":true})",
                kNow);
    ASSERT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    budget_id_ = std::string(std::string_view(Json(r.body)["id"]));
  }

  void Ship(const std::string& batch, int64_t now) {
    const ApiResponse r = h_.Post("/v1/usage/batch", ship_key_, batch, now);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  bool Allowed(int64_t now) {
    const ApiResponse r = h_.Post("/v1/preflight", preflight_key_, kRolloverCall, now);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 && bool(Json(r.body)["allow"]);
  }

  BudgetSpend Spend(const std::string& period_key) {
    return std::get<BudgetSpend>(h_.store().GetSpend(budget_id_, period_key));
  }
  int64_t Committed(const std::string& period_key, int64_t now) {
    return std::get<Money>(h_.store().GetCommitted(budget_id_, period_key, now)).pico();
  }

  // The holder's lease grant of the budget after a sync at `now` reporting `leases`.
  int64_t Granted(std::string_view holder, int64_t now, const std::string& leases = "[]") {
    const ApiResponse r =
        h_.Post("/v1/budget/leases", ship_key_,
                R"({"holder":")" + std::string(holder) + R"(","leases":)" + leases + "}", now);
    EXPECT_EQ(r.status, 200) << r.body;
    return int64_t(Json(r.body)["budgets"].at(0)["lease"]["granted_pico_usd"]);
  }

  ApiHarness h_;
  std::string ship_key_;
  std::string preflight_key_;
  std::string admin_key_;
  std::string budget_id_;
};

TEST_F(ApiBudgetRollover, AnExhaustedBudgetDeniesUntilItsPeriodEndsThenAdmitsAgain) {
  // Sized to the example call: one stored event fills it.
  Ship(Batch({RolloverEvent("nov-1")}), kNow);
  const Money each = StoredEvent(h_.store(), "nov-1").cost.value();
  AddBudget(each);  // seeded from November's event: exhausted at once
  EXPECT_EQ(Spend("2025-11").spent, each);
  EXPECT_FALSE(Allowed(kNow));
  EXPECT_FALSE(Allowed(kRolloverDecember - 1));

  EXPECT_TRUE(Allowed(kRolloverDecember));
  EXPECT_EQ(Spend("2025-12").events, 0);
  EXPECT_GT(Committed("2025-12", kRolloverDecember), 0);  // December holds its own call
  EXPECT_EQ(Committed("2025-11", kRolloverDecember), each.pico());

  const ApiResponse shown =
      h_.Get("/admin/v1/budgets/" + budget_id_, admin_key_, kRolloverDecember);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(std::string_view(Json(shown.body)["spend"]["period_key"]), "2025-12");
  EXPECT_EQ(int64_t(Json(shown.body)["spend"]["spent_pico_usd"]), 0);
}

TEST_F(ApiBudgetRollover, EventsOfTheOldPeriodArrivingInTheNewOneCountOnlyInTheOld) {
  Ship(Batch({RolloverEvent("nov-1")}), kNow);
  const Money each = StoredEvent(h_.store(), "nov-1").cost.value();
  AddBudget(Money::FromPico(2 * each.pico()));
  // A November receipt shipped late, in December (a proxy's backlog).
  Ship(Batch({RolloverEvent("nov-late")}), kRolloverDecember + 5'000);
  EXPECT_EQ(Spend("2025-11").spent.pico(), 2 * each.pico());
  EXPECT_EQ(Spend("2025-12").events, 0);
  EXPECT_EQ(Committed("2025-12", kRolloverDecember + 5'000), 0);
  // December has its whole amount: two calls fit, a third does not.
  EXPECT_TRUE(Allowed(kRolloverDecember + 6'000));
  EXPECT_TRUE(Allowed(kRolloverDecember + 6'000));
  EXPECT_FALSE(Allowed(kRolloverDecember + 6'000));

  // A December event counts in December only.
  Ship(Batch({DecemberEvent("dec-1", 7'000)}), kRolloverDecember + 8'000);
  EXPECT_EQ(Spend("2025-12").spent, each);
  EXPECT_EQ(Spend("2025-12").events, 1);
  EXPECT_EQ(Spend("2025-11").events, 2);
}

TEST_F(ApiBudgetRollover, LeasesOfTheOldPeriodNeitherCarryOverNorAreCreditedByItsLateEvents) {
  Ship(Batch({RolloverEvent("nov-1")}), kNow);
  const Money each = StoredEvent(h_.store(), "nov-1").cost.value();
  AddBudget(Money::FromPico(4 * each.pico()));
  // November: a lease of half of what is left (3 calls' worth).
  EXPECT_EQ(Granted("px_a", kNow), 3 * each.pico() / 2);

  // December: a fresh lease of half the whole amount; November's entry returns nothing for it.
  const std::string november_lease = R"([{"budget_id":")" + budget_id_ +
                                     R"(","period_key":"2025-11","used_pico_usd":)" +
                                     std::to_string(each.pico()) + "}]";
  EXPECT_EQ(Granted("px_a", kRolloverDecember, november_lease), 2 * each.pico());
  EXPECT_EQ(Committed("2025-12", kRolloverDecember), 2 * each.pico());

  // px_a's November call, shipped now: November's lease is credited, December's untouched.
  Ship(Batch({RolloverEvent("nov-leased", "px_a")}), kRolloverDecember + 1'000);
  EXPECT_EQ(Committed("2025-12", kRolloverDecember + 1'000), 2 * each.pico());
  EXPECT_EQ(Spend("2025-12").events, 0);
  // Its December call: spent in December, and no longer outstanding in December's lease.
  Ship(Batch({DecemberEvent("dec-leased", 1'500, "px_a")}), kRolloverDecember + 2'000);
  EXPECT_EQ(Spend("2025-12").spent, each);
  EXPECT_EQ(Committed("2025-12", kRolloverDecember + 2'000), 2 * each.pico());
}

}  // namespace
}  // namespace costgate::central
