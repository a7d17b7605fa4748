// Budgets, their audit rows and their spend counters, against every store.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using pricing::Money;
using store_testing::MakeEvent;

constexpr int64_t kPeriodStart = 1'764'547'200'000;  // 2025-12-01T00:00:00Z
constexpr int64_t kPeriodEnd = 1'767'225'600'000;    // 2026-01-01T00:00:00Z

Budget MakeBudget(const std::string& id, const std::string& name) {
  Budget b;
  b.id = id;
  b.name = name;
  b.scope.workspace = "ford";
  b.scope.provider = "gemini";
  b.period = "monthly";
  b.amount = Money::FromPico(15'000'000'000'000);
  b.hard_limit = true;
  b.created_unix_ms = 1'000;
  b.updated_unix_ms = 1'000;
  return b;
}

AuditEntry MakeAudit(const std::string& action, const std::string& object_id,
                     const std::string& before, const std::string& after) {
  AuditEntry a;
  a.at_unix_ms = 2'000;
  a.actor = "key:key_abc";
  a.action = action;
  a.object_id = object_id;
  a.before_json = before;
  a.after_json = after;
  return a;
}

SpendIncrement Increment(const std::string& budget_id, int64_t pico) {
  return {budget_id, "2025-12", kPeriodStart, kPeriodEnd, Money::FromPico(pico)};
}

Event EventAt(const std::string& id, int64_t start_unix_ms, std::optional<int64_t> cost_pico) {
  Event e = MakeEvent(id);
  e.start_unix_ms = start_unix_ms;
  e.end_unix_ms = start_unix_ms + 1'000;
  e.cost = cost_pico ? std::optional(Money::FromPico(*cost_pico)) : std::nullopt;
  return e;
}

class StoreBudgets : public store_testing::StoreTest {
 protected:
  BudgetChange Create(const Budget& b) {
    return Change(store().CreateBudget(b, MakeAudit("budget.create", b.id, "", "{}")));
  }
  BudgetChange Update(const Budget& b) {
    return Change(store().UpdateBudget(b, MakeAudit("budget.update", b.id, "{}", "{}")));
  }
  BudgetChange Delete(const std::string& id) {
    return Change(store().DeleteBudget(id, MakeAudit("budget.delete", id, "{}", "")));
  }
  std::optional<Budget> Find(const std::string& id_or_name) {
    auto found = store().FindBudget(id_or_name);
    if (auto* error = std::get_if<StoreError>(&found)) {
      ADD_FAILURE() << error->message;
      return std::nullopt;
    }
    return std::get<std::optional<Budget>>(found);
  }
  std::vector<AuditEntry> Audit(int64_t limit = 100, std::optional<int64_t> before = {}) {
    auto listed = store().ListAudit(limit, before);
    if (auto* error = std::get_if<StoreError>(&listed)) {
      ADD_FAILURE() << error->message;
      return {};
    }
    return std::get<std::vector<AuditEntry>>(listed);
  }
  // Inserts `events`, each with its increments; the results, or empty on an error.
  std::vector<InsertResult> InsertCounted(const std::vector<Event>& events,
                                          const std::vector<std::vector<SpendIncrement>>& counts) {
    auto inserted = store().InsertEvents(events, counts);
    if (auto* error = std::get_if<StoreError>(&inserted)) {
      ADD_FAILURE() << error->message;
      return {};
    }
    return std::get<std::vector<InsertResult>>(inserted);
  }
  BudgetSpend Spend(const std::string& budget_id, const std::string& period_key = "2025-12") {
    auto spend = store().GetSpend(budget_id, period_key);
    if (auto* error = std::get_if<StoreError>(&spend)) {
      ADD_FAILURE() << error->message;
      return {};
    }
    return std::get<BudgetSpend>(spend);
  }
  bool Seed(const std::string& budget_id, const BudgetScope& scope) {
    auto seeded = store().SeedSpend(budget_id, "2025-12", kPeriodStart, kPeriodEnd, scope);
    if (auto* error = std::get_if<StoreError>(&seeded)) {
      ADD_FAILURE() << error->message;
      return false;
    }
    return std::get<bool>(seeded);
  }

 private:
  static BudgetChange Change(const StoreResult<BudgetChange>& result) {
    if (auto* error = std::get_if<StoreError>(&result)) {
      ADD_FAILURE() << error->message;
      return BudgetChange::kNotFound;
    }
    return std::get<BudgetChange>(result);
  }
};
INSTANTIATE_TEST_SUITE_P(Stores, StoreBudgets,
                         ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

TEST_P(StoreBudgets, CreatedBudgetIsFoundByIdAndByName) {
  const Budget b = MakeBudget("bud_000000000001", "ford-gemini");
  EXPECT_EQ(Create(b), BudgetChange::kDone);
  EXPECT_EQ(Find("bud_000000000001"), b);
  EXPECT_EQ(Find("ford-gemini"), b);
  EXPECT_EQ(Find("bud_ffffffffffff"), std::nullopt);
}

TEST_P(StoreBudgets, EveryFieldReadsBackAsWritten) {
  Budget b = MakeBudget("bud_000000000001", "all-fields");
  b.scope = {"ws", "team", "proj", "app", "prod", "u-1", "elevenlabs", "eleven_v3"};
  b.period = "quarterly";
  b.time_zone = "Europe/Berlin";
  b.fiscal_first_month = 4;
  b.thresholds_percent = {25, 90};
  b.hard_limit = false;
  b.per_request_cap = Money::FromPico(500'000'000);
  b.fail_closed = false;
  Create(b);
  EXPECT_EQ(Find(b.id), b);

  Budget none = MakeBudget("bud_000000000002", "no-thresholds");
  none.thresholds_percent = {};
  none.fail_closed = true;
  Create(none);
  EXPECT_EQ(Find(none.id), none);
}

TEST_P(StoreBudgets, ListIsOldestFirst) {
  Budget later = MakeBudget("bud_000000000001", "later");
  later.created_unix_ms = 5'000;
  Budget earlier = MakeBudget("bud_000000000002", "earlier");
  earlier.created_unix_ms = 4'000;
  Create(later);
  Create(earlier);
  auto listed = store().ListBudgets();
  ASSERT_TRUE(std::holds_alternative<std::vector<Budget>>(listed));
  EXPECT_EQ(std::get<std::vector<Budget>>(listed), (std::vector{earlier, later}));
}

TEST_P(StoreBudgets, DuplicateNameIsRefusedAndLeavesNoAuditRow) {
  Create(MakeBudget("bud_000000000001", "same"));
  EXPECT_EQ(Create(MakeBudget("bud_000000000002", "same")), BudgetChange::kNameTaken);
  EXPECT_EQ(Find("bud_000000000002"), std::nullopt);
  EXPECT_EQ(Audit().size(), 1u);
}

TEST_P(StoreBudgets, UpdateReplacesEveryFieldButTheCreationTime) {
  Budget b = MakeBudget("bud_000000000001", "before");
  Create(b);
  b.name = "after";
  b.amount = Money::FromPico(1);
  b.scope = {};
  b.per_request_cap = Money::FromPico(7);
  b.created_unix_ms = 9'999;
  b.updated_unix_ms = 3'000;
  EXPECT_EQ(Update(b), BudgetChange::kDone);
  b.created_unix_ms = 1'000;
  EXPECT_EQ(Find("after"), b);
  EXPECT_EQ(Find("before"), std::nullopt);
}

TEST_P(StoreBudgets, UpdateOfMissingBudgetIsRefused) {
  EXPECT_EQ(Update(MakeBudget("bud_000000000001", "ghost")), BudgetChange::kNotFound);
  EXPECT_EQ(Find("ghost"), std::nullopt);
  EXPECT_TRUE(Audit().empty());
}

TEST_P(StoreBudgets, UpdateOntoAnotherBudgetsNameIsRefused) {
  Create(MakeBudget("bud_000000000001", "one"));
  Create(MakeBudget("bud_000000000002", "two"));
  Budget renamed = MakeBudget("bud_000000000002", "one");
  EXPECT_EQ(Update(renamed), BudgetChange::kNameTaken);
  EXPECT_EQ(Find("bud_000000000002")->name, "two");
  // Keeping its own name is no conflict.
  EXPECT_EQ(Update(MakeBudget("bud_000000000002", "two")), BudgetChange::kDone);
}

TEST_P(StoreBudgets, DeleteRemovesTheBudgetAndRefusesAMissingOne) {
  Create(MakeBudget("bud_000000000001", "gone"));
  EXPECT_EQ(Delete("bud_000000000001"), BudgetChange::kDone);
  EXPECT_EQ(Find("gone"), std::nullopt);
  EXPECT_EQ(Delete("bud_000000000001"), BudgetChange::kNotFound);
  EXPECT_EQ(Audit().size(), 2u);  // the create and the one delete
}

TEST_P(StoreBudgets, EveryChangeLeavesItsAuditRowNewestFirst) {
  const Budget b = MakeBudget("bud_000000000001", "audited");
  store().CreateBudget(b, MakeAudit("budget.create", b.id, "", R"({"amount_usd":"15"})"));
  store().UpdateBudget(
      b, MakeAudit("budget.update", b.id, R"({"amount_usd":"15"})", R"({"amount_usd":"20"})"));
  store().DeleteBudget(b.id, MakeAudit("budget.delete", b.id, R"({"amount_usd":"20"})", ""));
  const std::vector<AuditEntry> all = Audit();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].action, "budget.delete");
  EXPECT_EQ(all[0].before_json, R"({"amount_usd":"20"})");
  EXPECT_EQ(all[0].after_json, "");
  EXPECT_EQ(all[1].action, "budget.update");
  EXPECT_EQ(all[1].before_json, R"({"amount_usd":"15"})");
  EXPECT_EQ(all[1].after_json, R"({"amount_usd":"20"})");
  EXPECT_EQ(all[2].action, "budget.create");
  EXPECT_EQ(all[2].before_json, "");
  EXPECT_EQ(all[2].actor, "key:key_abc");
  EXPECT_EQ(all[2].object_id, b.id);
  EXPECT_EQ(all[2].at_unix_ms, 2'000);
  EXPECT_GT(all[0].id, all[1].id);
  EXPECT_GT(all[1].id, all[2].id);
  // Paging: the page after the newest is the two older ones.
  const std::vector<AuditEntry> first = Audit(1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0], all[0]);
  EXPECT_EQ(Audit(10, first[0].id), (std::vector{all[1], all[2]}));
}

TEST_P(StoreBudgets, IncrementsCountOnlyNewlyStoredEvents) {
  Create(MakeBudget("bud_000000000001", "b"));
  const std::vector<Event> batch = {MakeEvent("a"), MakeEvent("b")};
  const std::vector<std::vector<SpendIncrement>> counts = {{Increment("bud_000000000001", 100)},
                                                           {Increment("bud_000000000001", 20)}};
  InsertCounted(batch, counts);
  BudgetSpend spend = Spend("bud_000000000001");
  EXPECT_EQ(spend.spent, Money::FromPico(120));
  EXPECT_EQ(spend.events, 2);
  EXPECT_EQ(spend.period_start_unix_ms, kPeriodStart);
  EXPECT_EQ(spend.period_end_unix_ms, kPeriodEnd);
  // The shipper's retry: the same events with the same increments count nothing.
  EXPECT_EQ(InsertCounted(batch, counts),
            (std::vector{InsertResult::kDuplicate, InsertResult::kDuplicate}));
  EXPECT_EQ(Spend("bud_000000000001"), spend);
  // A mixed batch counts its new event only.
  InsertCounted({MakeEvent("a"), MakeEvent("c")},
                {{Increment("bud_000000000001", 100)}, {Increment("bud_000000000001", 3)}});
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(123));
  EXPECT_EQ(Spend("bud_000000000001").events, 3);
}

TEST_P(StoreBudgets, DuplicateWithinOneBatchCountsOnce) {
  Create(MakeBudget("bud_000000000001", "b"));
  InsertCounted({MakeEvent("a"), MakeEvent("a")},
                {{Increment("bud_000000000001", 100)}, {Increment("bud_000000000001", 100)}});
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(100));
  EXPECT_EQ(Spend("bud_000000000001").events, 1);
}

TEST_P(StoreBudgets, OneEventCountsForEveryBudgetCoveringIt) {
  Create(MakeBudget("bud_000000000001", "ford"));
  Create(MakeBudget("bud_000000000002", "org"));
  SpendIncrement daily = Increment("bud_000000000002", 40);
  daily.period_key = "2025-12-03";
  InsertCounted({MakeEvent("a")}, {{Increment("bud_000000000001", 40), daily}});
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(40));
  EXPECT_EQ(Spend("bud_000000000002", "2025-12-03").spent, Money::FromPico(40));
  EXPECT_EQ(Spend("bud_000000000002", "2025-12").events, 0);
}

TEST_P(StoreBudgets, UnknownPeriodReadsZero) {
  Create(MakeBudget("bud_000000000001", "b"));
  const BudgetSpend spend = Spend("bud_000000000001", "2031-01");
  EXPECT_EQ(spend.budget_id, "bud_000000000001");
  EXPECT_EQ(spend.period_key, "2031-01");
  EXPECT_EQ(spend.spent, Money::FromPico(0));
  EXPECT_EQ(spend.events, 0);
  EXPECT_EQ(spend.period_start_unix_ms, 0);
}

TEST_P(StoreBudgets, EventsWithoutIncrementsCountNothing) {
  Create(MakeBudget("bud_000000000001", "b"));
  store().InsertEvents(std::vector{MakeEvent("a")});
  EXPECT_EQ(Spend("bud_000000000001").events, 0);
}

TEST_P(StoreBudgets, IncrementsOfAnotherLengthThanTheEventsAreAnError) {
  Create(MakeBudget("bud_000000000001", "b"));
  const std::vector<Event> events = {MakeEvent("a"), MakeEvent("b")};
  const std::vector<std::vector<SpendIncrement>> counts = {{Increment("bud_000000000001", 1)}};
  EXPECT_TRUE(std::holds_alternative<StoreError>(store().InsertEvents(events, counts)));
  EXPECT_EQ(std::get<int64_t>(store().CountEvents()), 0);
}

// Ingest lists the budgets inside its write transaction (BEGIN IMMEDIATE: no other connection
// changes a budget until it commits): a budget another process created is counted.
TEST_P(StoreBudgets, CountedInsertReadsTheBudgetsInsideItsTransaction) {
  std::unique_ptr<Store> replica = OpenReplica();
  ASSERT_NE(replica, nullptr);
  ASSERT_EQ(std::get<BudgetChange>(
                replica->CreateBudget(MakeBudget("bud_000000000001", "made elsewhere"),
                                      MakeAudit("budget.create", "bud_000000000001", "", "{}"))),
            BudgetChange::kDone);
  std::vector<Budget> seen;
  std::vector<std::vector<SpendIncrement>> counts;
  const std::vector<Event> events = {MakeEvent("a"), MakeEvent("b")};
  auto inserted = store().InsertEventsCounted(
      events,
      [&](const std::vector<Budget>& budgets) {
        std::vector<std::vector<SpendIncrement>> out(events.size());
        for (auto& one : out) {
          one.push_back(Increment(budgets.at(0).id, 100));
        }
        return out;
      },
      seen, counts);
  ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(inserted));
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].name, "made elsewhere");
  EXPECT_EQ(counts.size(), events.size());
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(200));
  EXPECT_EQ(Spend("bud_000000000001").events, 2);
}

TEST_P(StoreBudgets, CountedInsertWithoutBudgetsCountsNothingAndStoresTheEvents) {
  std::vector<Budget> seen;
  std::vector<std::vector<SpendIncrement>> counts;
  bool asked = false;
  auto inserted = store().InsertEventsCounted(
      std::vector{MakeEvent("a")},
      [&](const std::vector<Budget>&) {
        asked = true;
        return std::vector<std::vector<SpendIncrement>>{};
      },
      seen, counts);
  ASSERT_TRUE(std::holds_alternative<std::vector<InsertResult>>(inserted));
  EXPECT_FALSE(asked);
  EXPECT_TRUE(seen.empty());
  EXPECT_EQ(std::get<int64_t>(store().CountEvents()), 1);
}

TEST_P(StoreBudgets, DeleteRemovesItsCounters) {
  Create(MakeBudget("bud_000000000001", "b"));
  InsertCounted({MakeEvent("a")}, {{Increment("bud_000000000001", 100)}});
  Delete("bud_000000000001");
  EXPECT_EQ(Spend("bud_000000000001").events, 0);
  // A budget made again under the same id starts from nothing left behind.
  Create(MakeBudget("bud_000000000001", "b"));
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(0));
}

TEST_P(StoreBudgets, IncrementOfADeletedBudgetIsSkipped) {
  InsertCounted({MakeEvent("a")}, {{Increment("bud_000000000009", 100)}});
  EXPECT_EQ(Spend("bud_000000000009").events, 0);
  EXPECT_EQ(std::get<int64_t>(store().CountEvents()), 1);
}

TEST_P(StoreBudgets, FailedInsertRollsBackItsIncrements) {
  Create(MakeBudget("bud_000000000001", "b"));
  FailInsertsOf("bad");
  auto failed = store().InsertEvents(
      std::vector{MakeEvent("good"), MakeEvent("bad")},
      std::vector<std::vector<SpendIncrement>>{{Increment("bud_000000000001", 100)},
                                               {Increment("bud_000000000001", 5)}});
  EXPECT_TRUE(std::holds_alternative<StoreError>(failed));
  EXPECT_EQ(Spend("bud_000000000001").events, 0);
  // Resent without the failing event, it counts once.
  InsertCounted({MakeEvent("good")}, {{Increment("bud_000000000001", 100)}});
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(100));
  EXPECT_EQ(Spend("bud_000000000001").events, 1);
}

TEST_P(StoreBudgets, SeedSumsExactlyTheMatchingEventsOfThePeriod) {
  Create(MakeBudget("bud_000000000001", "b"));
  Event other_workspace = EventAt("other-workspace", kPeriodStart + 10, 1'000);
  other_workspace.workspace = "chevy";
  Event other_model = EventAt("other-model", kPeriodStart + 10, 1'000);
  other_model.model = "gemini-2.5-pro";
  store().InsertEvents(std::vector{
      EventAt("at-start", kPeriodStart, 1),  // start is inclusive
      EventAt("inside", kPeriodStart + 5'000, 20),
      EventAt("unpriced", kPeriodStart + 6'000, std::nullopt),  // counts, at 0
      EventAt("last-ms", kPeriodEnd - 1, 300),
      EventAt("at-end", kPeriodEnd, 4'000),  // end is exclusive
      EventAt("before", kPeriodStart - 1, 50'000),
      other_workspace,
      other_model,
  });
  BudgetScope scope;
  scope.workspace = "ford";
  scope.model = "gemini-2.5-flash";
  EXPECT_TRUE(Seed("bud_000000000001", scope));
  const BudgetSpend spend = Spend("bud_000000000001");
  EXPECT_EQ(spend.spent, Money::FromPico(321));
  EXPECT_EQ(spend.events, 4);
  EXPECT_EQ(spend.period_start_unix_ms, kPeriodStart);
  EXPECT_EQ(spend.period_end_unix_ms, kPeriodEnd);
  // An empty scope covers every event of the period.
  EXPECT_TRUE(Seed("bud_000000000001", {}));
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(2'321));
  EXPECT_EQ(Spend("bud_000000000001").events, 6);
}

TEST_P(StoreBudgets, SeedEveryScopeFieldNarrows) {
  Create(MakeBudget("bud_000000000001", "b"));
  store().InsertEvents(std::vector{EventAt("match", kPeriodStart, 7)});
  const BudgetScope all = {"ford", "video", "p-7",    "video-accessibility",
                           "prod", "u-42",  "gemini", "gemini-2.5-flash"};
  EXPECT_TRUE(Seed("bud_000000000001", all));
  EXPECT_EQ(Spend("bud_000000000001").events, 1);
  for (std::string BudgetScope::*field :
       {&BudgetScope::workspace, &BudgetScope::team, &BudgetScope::project,
        &BudgetScope::source_app, &BudgetScope::environment, &BudgetScope::user,
        &BudgetScope::provider, &BudgetScope::model}) {
    BudgetScope narrower = all;
    narrower.*field = "other";
    EXPECT_TRUE(Seed("bud_000000000001", narrower));
    EXPECT_EQ(Spend("bud_000000000001").events, 0) << narrower.*field;
  }
}

TEST_P(StoreBudgets, SeedReplacesTheCounterAndLaterIncrementsAddToIt) {
  Create(MakeBudget("bud_000000000001", "b"));
  store().InsertEvents(std::vector{EventAt("old", kPeriodStart, 1'000)});
  InsertCounted({EventAt("counted", kPeriodStart, 5)}, {{Increment("bud_000000000001", 5)}});
  EXPECT_TRUE(Seed("bud_000000000001", {}));
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(1'005));
  InsertCounted({EventAt("new", kPeriodStart, 10)}, {{Increment("bud_000000000001", 10)}});
  EXPECT_EQ(Spend("bud_000000000001").spent, Money::FromPico(1'015));
  EXPECT_EQ(Spend("bud_000000000001").events, 3);
}

TEST_P(StoreBudgets, SeedOfAnUnknownBudgetSetsNothing) {
  store().InsertEvents(std::vector{EventAt("e", kPeriodStart, 9)});
  EXPECT_FALSE(Seed("bud_000000000009", {}));
  EXPECT_EQ(Spend("bud_000000000009").events, 0);
}

TEST_P(StoreBudgets, ReaderSeesBudgetsAndCountersButCannotChangeThem) {
  Create(MakeBudget("bud_000000000001", "b"));
  InsertCounted({MakeEvent("a")}, {{Increment("bud_000000000001", 100)}});
  std::unique_ptr<Store> reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(std::get<std::optional<Budget>>(reader->FindBudget("b")),
            MakeBudget("bud_000000000001", "b"));
  EXPECT_EQ(std::get<BudgetSpend>(reader->GetSpend("bud_000000000001", "2025-12")).events, 1);
  EXPECT_TRUE(std::holds_alternative<StoreError>(
      reader->CreateBudget(MakeBudget("bud_000000000002", "c"), MakeAudit("x", "y", "", ""))));
  EXPECT_EQ(Find("c"), std::nullopt);
}

const SpendSeed kDecemberSeed{"2025-12", kPeriodStart, kPeriodEnd};

TEST_P(StoreBudgets, CreateWithASeedStartsFromTheSpendAlreadyStored) {
  store().InsertEvents(std::vector{EventAt("before", kPeriodStart - 1, 50'000),
                                   EventAt("in-1", kPeriodStart + 1, 30),
                                   EventAt("in-2", kPeriodEnd - 1, 12)});
  const Budget b = MakeBudget("bud_000000000001", "b");
  ASSERT_EQ(std::get<BudgetChange>(
                store().CreateBudget(b, MakeAudit("budget.create", b.id, "", "{}"), kDecemberSeed)),
            BudgetChange::kDone);
  const BudgetSpend spend = Spend("bud_000000000001");
  EXPECT_EQ(spend.spent, Money::FromPico(42));
  EXPECT_EQ(spend.events, 2);
  EXPECT_EQ(spend.period_start_unix_ms, kPeriodStart);
}

TEST_P(StoreBudgets, UpdateWithASeedCountsTheNewScopeAndWithoutOneKeepsTheCounter) {
  Event chevy = EventAt("chevy", kPeriodStart + 1, 7);
  chevy.workspace = "chevy";
  store().InsertEvents(std::vector{EventAt("ford", kPeriodStart + 1, 30), chevy});
  Budget b = MakeBudget("bud_000000000001", "b");
  ASSERT_EQ(std::get<BudgetChange>(
                store().CreateBudget(b, MakeAudit("budget.create", b.id, "", "{}"), kDecemberSeed)),
            BudgetChange::kDone);
  ASSERT_EQ(Spend(b.id).spent, Money::FromPico(30));

  b.amount = Money::FromPico(1);  // a lowered amount: the counter stays
  ASSERT_EQ(Update(b), BudgetChange::kDone);
  EXPECT_EQ(Spend(b.id).spent, Money::FromPico(30));

  b.scope.workspace = "chevy";
  ASSERT_EQ(std::get<BudgetChange>(store().UpdateBudget(
                b, MakeAudit("budget.update", b.id, "{}", "{}"), kDecemberSeed)),
            BudgetChange::kDone);
  EXPECT_EQ(Spend(b.id).spent, Money::FromPico(7));
  EXPECT_EQ(Spend(b.id).events, 1);
}

TEST_P(StoreBudgets, RefusedChangeWithASeedLeavesNoCounterAndNoAuditRow) {
  store().InsertEvents(std::vector{EventAt("in", kPeriodStart + 1, 30)});
  Create(MakeBudget("bud_000000000001", "taken"));
  const Budget second = MakeBudget("bud_000000000002", "taken");
  EXPECT_EQ(std::get<BudgetChange>(store().CreateBudget(
                second, MakeAudit("budget.create", second.id, "", "{}"), kDecemberSeed)),
            BudgetChange::kNameTaken);
  EXPECT_EQ(Spend("bud_000000000002").events, 0);
  const Budget missing = MakeBudget("bud_000000000003", "missing");
  EXPECT_EQ(std::get<BudgetChange>(store().UpdateBudget(
                missing, MakeAudit("budget.update", missing.id, "{}", "{}"), kDecemberSeed)),
            BudgetChange::kNotFound);
  EXPECT_EQ(Spend("bud_000000000003").events, 0);
  EXPECT_EQ(Audit().size(), 1u);
}

}  // namespace
}  // namespace costgate::central
