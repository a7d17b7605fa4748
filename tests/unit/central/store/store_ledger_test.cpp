// The budget ledger against every store: committed = spent + leases' outstanding + holds, holds
// reserved all or none and settled by their event, leases granted, credited and released.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using pricing::Money;
using store_testing::MakeEvent;

constexpr int64_t kLedgerNow = 1'764'600'000'000;  // 2025-12-01T14:40:00Z
constexpr const char* kLedgerMonth = "2025-12";
constexpr int64_t kTtl = 60'000;

Money Pico(int64_t pico) { return Money::FromPico(pico); }

class StoreLedger : public store_testing::StoreTest {
 protected:
  // A hard budget of `amount` pico-USD (its scope and period are the caller's to match: the
  // ledger takes the period key it is given).
  void MakeHardBudget(const std::string& id, int64_t amount) {
    Budget b;
    b.id = id;
    b.name = "ledger-" + id;
    b.period = "monthly";
    b.amount = Pico(amount);
    b.hard_limit = true;
    AuditEntry audit;
    audit.action = "budget.create";
    ASSERT_EQ(std::get<BudgetChange>(store().CreateBudget(b, audit)), BudgetChange::kDone);
  }

  int64_t Committed(const std::string& budget_id, int64_t now = kLedgerNow,
                    const std::string& period = kLedgerMonth) {
    auto committed = store().GetCommitted(budget_id, period, now);
    if (auto* error = std::get_if<StoreError>(&committed)) {
      ADD_FAILURE() << error->message;
      return -1;
    }
    return std::get<Money>(committed).pico();
  }

  HoldOutcome Reserve(const std::string& hold_id, std::vector<HoldRequest> holds,
                      int64_t now = kLedgerNow, int64_t expires = kLedgerNow + 900'000) {
    auto outcome = store().ReserveHolds(hold_id, holds, expires, now);
    if (auto* error = std::get_if<StoreError>(&outcome)) {
      ADD_FAILURE() << error->message;
      return {};
    }
    return std::get<HoldOutcome>(outcome);
  }

  std::vector<LeaseState> Sync(const std::string& holder, std::vector<LeaseEntry> entries,
                               std::vector<LeaseBudget> budgets, int64_t now = kLedgerNow) {
    auto synced = store().SyncLeases(holder, entries, budgets, now, kTtl);
    if (auto* error = std::get_if<StoreError>(&synced)) {
      ADD_FAILURE() << error->message;
      return {};
    }
    return std::get<std::vector<LeaseState>>(synced);
  }

  // Stores an event costing `pico` to `budget_id` (in kLedgerMonth), from `holder`'s leases.
  InsertResult Ingest(const std::string& event_id, const std::string& request_id,
                      const std::string& budget_id, int64_t pico, const std::string& holder = "") {
    Event e = MakeEvent(event_id);
    e.request_id = request_id;
    e.budget_holder = holder;
    e.cost = Pico(pico);
    const std::vector<std::vector<SpendIncrement>> increments = {
        {{budget_id, kLedgerMonth, 0, INT64_MAX, Pico(pico)}}};
    auto stored = store().InsertEvents(std::vector{e}, increments);
    if (auto* error = std::get_if<StoreError>(&stored)) {
      ADD_FAILURE() << error->message;
      return InsertResult::kDuplicate;
    }
    return std::get<std::vector<InsertResult>>(stored).at(0);
  }

  std::string LeaseColumn(const std::string& holder, const std::string& column) {
    const auto rows =
        Query("SELECT " + column + " AS v FROM budget_leases WHERE holder = '" + holder + "'");
    return rows.size() == 1 ? rows[0].at("v").value_or("NULL")
                            : "rows: " + std::to_string(rows.size());
  }

  int64_t HoldRows() {
    return std::stoll(*Query("SELECT count(*) AS n FROM budget_holds")[0]["n"]);
  }
};

HoldRequest Hold(const std::string& budget_id, int64_t amount, int64_t limit) {
  return {budget_id, kLedgerMonth, Pico(amount), Pico(limit)};
}

LeaseBudget Leased(const std::string& budget_id, int64_t limit,
                   const std::string& period = kLedgerMonth) {
  return {budget_id, period, Pico(limit)};
}

LeaseEntry Used(const std::string& budget_id, int64_t used, int64_t need = 0, bool release = false,
                const std::string& period = kLedgerMonth) {
  return {budget_id, period, Pico(used), Pico(need), release};
}

TEST_P(StoreLedger, CommittedIsSpentPlusLeasesOutstandingPlusHolds) {
  MakeHardBudget("bud_a", 1'000);
  EXPECT_EQ(Committed("bud_a"), 0);
  ASSERT_EQ(Ingest("e-spent", "", "bud_a", 100), InsertResult::kStored);
  EXPECT_EQ(Committed("bud_a"), 100);
  ASSERT_TRUE(Reserve("hold-1", {Hold("bud_a", 30, 1'000)}).allowed);
  EXPECT_EQ(Committed("bud_a"), 130);
  // A first lease: half of what remains, (1000 - 130) / 2.
  const auto leases = Sync("px_a", {}, {Leased("bud_a", 1'000)});
  ASSERT_EQ(leases.size(), 1u);
  EXPECT_EQ(leases[0].granted.pico(), 435);
  EXPECT_EQ(leases[0].expires_unix_ms, kLedgerNow + kTtl);
  EXPECT_EQ(Committed("bud_a"), 565);
  // The lease's events arrive: spent grows as the lease's outstanding part shrinks.
  ASSERT_EQ(Ingest("e-leased", "", "bud_a", 200, "px_a"), InsertResult::kStored);
  EXPECT_EQ(LeaseColumn("px_a", "ingested_pico_usd"), "200");
  EXPECT_EQ(Committed("bud_a"), 565);
  // Events beyond the grant push spent up, never the lease's part below zero.
  ASSERT_EQ(Ingest("e-over", "", "bud_a", 300, "px_a"), InsertResult::kStored);
  EXPECT_EQ(Committed("bud_a"), 600 + 0 + 30);
  // Another period, another budget: nothing.
  EXPECT_EQ(Committed("bud_a", kLedgerNow, "2026-01"), 0);
  EXPECT_EQ(Committed("bud_other"), 0);
}

TEST_P(StoreLedger, ExpiredHoldsAndLeasesCountNothing) {
  MakeHardBudget("bud_a", 1'000);
  ASSERT_TRUE(
      Reserve("hold-1", {Hold("bud_a", 30, 1'000)}, kLedgerNow, kLedgerNow + 5'000).allowed);
  Sync("px_a", {}, {Leased("bud_a", 1'000)});  // grants (1000 - 30) / 2 = 485 until now + kTtl
  EXPECT_EQ(Committed("bud_a", kLedgerNow + 4'999), 515);
  EXPECT_EQ(Committed("bud_a", kLedgerNow + 5'000), 485);  // the hold expired at 5 s
  EXPECT_EQ(Committed("bud_a", kLedgerNow + kTtl), 0);     // the lease at its TTL
  // An expired hold leaves room at once, and a reservation purges it.
  EXPECT_TRUE(Reserve("hold-2", {Hold("bud_a", 1'000, 1'000)}, kLedgerNow + kTtl).allowed);
  EXPECT_EQ(HoldRows(), 1);
}

TEST_P(StoreLedger, ReservationIsAllOrNoneAcrossBudgets) {
  MakeHardBudget("bud_a", 100);
  MakeHardBudget("bud_b", 50);
  ASSERT_TRUE(Reserve("other", {Hold("bud_b", 40, 50)}).allowed);

  const HoldOutcome denied = Reserve("call", {Hold("bud_a", 20, 100), Hold("bud_b", 20, 50)});
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.over_budget_id, "bud_b");
  EXPECT_EQ(denied.committed.pico(), 40);
  EXPECT_EQ(Committed("bud_a"), 0);  // nothing of the denied call is held anywhere
  EXPECT_EQ(Committed("bud_b"), 40);

  EXPECT_TRUE(Reserve("call", {Hold("bud_a", 20, 100), Hold("bud_b", 10, 50)}).allowed);
  EXPECT_EQ(Committed("bud_a"), 20);
  EXPECT_EQ(Committed("bud_b"), 50);  // exactly at the amount is within it
  EXPECT_FALSE(Reserve("one-more", {Hold("bud_b", 1, 50)}).allowed);
}

TEST_P(StoreLedger, ReservingAgainUnderTheSameIdReplacesTheHold) {
  MakeHardBudget("bud_a", 100);
  ASSERT_TRUE(Reserve("call", {Hold("bud_a", 60, 100)}).allowed);
  // Counted without its own earlier hold: 80 fits in 100.
  EXPECT_TRUE(Reserve("call", {Hold("bud_a", 80, 100)}).allowed);
  EXPECT_EQ(Committed("bud_a"), 80);
  // A denied retry keeps what was held.
  EXPECT_FALSE(Reserve("call", {Hold("bud_a", 101, 100)}).allowed);
  EXPECT_EQ(Committed("bud_a"), 80);
}

TEST_P(StoreLedger, ZeroHoldsStoreNothing) {
  MakeHardBudget("bud_a", 100);
  EXPECT_TRUE(Reserve("free", {Hold("bud_a", 0, 100)}).allowed);
  EXPECT_EQ(HoldRows(), 0);
}

TEST_P(StoreLedger, IngestSettlesTheHoldByRequestIdOrByEventId) {
  MakeHardBudget("bud_a", 1'000);
  ASSERT_TRUE(Reserve("req-7", {Hold("bud_a", 300, 1'000)}).allowed);
  ASSERT_TRUE(Reserve("evt-8", {Hold("bud_a", 200, 1'000)}).allowed);
  EXPECT_EQ(Committed("bud_a"), 500);
  // usage/record: the preflight's id is the event's request_id; the real cost replaces the hold.
  ASSERT_EQ(Ingest("evt-record", "req-7", "bud_a", 120), InsertResult::kStored);
  EXPECT_EQ(Committed("bud_a"), 120 + 200);
  // usage/batch: the proxy reserved under its event_id.
  ASSERT_EQ(Ingest("evt-8", "", "bud_a", 250), InsertResult::kStored);
  EXPECT_EQ(Committed("bud_a"), 370);
  EXPECT_EQ(HoldRows(), 0);
}

TEST_P(StoreLedger, DuplicateIngestNeitherSettlesNorCreditsAgain) {
  MakeHardBudget("bud_a", 10'000);
  Sync("px_a", {}, {Leased("bud_a", 10'000)});
  ASSERT_EQ(Ingest("evt-1", "", "bud_a", 50, "px_a"), InsertResult::kStored);
  ASSERT_TRUE(Reserve("evt-1", {Hold("bud_a", 70, 10'000)}).allowed);
  EXPECT_EQ(Ingest("evt-1", "", "bud_a", 50, "px_a"), InsertResult::kDuplicate);
  EXPECT_EQ(LeaseColumn("px_a", "ingested_pico_usd"), "50");
  EXPECT_EQ(HoldRows(), 1);
}

TEST_P(StoreLedger, IngestCreditsOnlyTheEventsHolder) {
  MakeHardBudget("bud_a", 10'000);
  Sync("px_a", {}, {Leased("bud_a", 10'000)});
  Sync("px_b", {}, {Leased("bud_a", 10'000)});
  ASSERT_EQ(Ingest("evt-b", "", "bud_a", 40, "px_b"), InsertResult::kStored);
  ASSERT_EQ(Ingest("evt-none", "", "bud_a", 30), InsertResult::kStored);
  EXPECT_EQ(LeaseColumn("px_a", "ingested_pico_usd"), "0");
  EXPECT_EQ(LeaseColumn("px_b", "ingested_pico_usd"), "40");
}

TEST_P(StoreLedger, GrantIsAShareOfWhatRemainsPerHolder) {
  MakeHardBudget("bud_a", 1'000);
  // One holder: half of 1000.
  EXPECT_EQ(Sync("px_a", {}, {Leased("bud_a", 1'000)})[0].granted.pico(), 500);
  // A second: remaining 500 over 2 x 2 holders.
  EXPECT_EQ(Sync("px_b", {}, {Leased("bud_a", 1'000)})[0].granted.pico(), 125);
  // A need above the share is met (remaining 375, share 375 / 6 = 62).
  EXPECT_EQ(Sync("px_c", {Used("bud_a", 0, 300)}, {Leased("bud_a", 1'000)})[0].granted.pico(), 300);
  // Never more than remains (75), whatever the need.
  EXPECT_EQ(Sync("px_b", {Used("bud_a", 125, 5'000)}, {Leased("bud_a", 1'000)})[0].granted.pico(),
            125 + 75);
  EXPECT_EQ(Committed("bud_a"), 1'000);
  EXPECT_EQ(Sync("px_d", {}, {Leased("bud_a", 1'000)})[0].granted.pico(), 0);
}

TEST_P(StoreLedger, ALeaseWithRoomIsRenewedWithoutGrowing) {
  MakeHardBudget("bud_a", 1'000);
  ASSERT_EQ(Sync("px_a", {}, {Leased("bud_a", 1'000)})[0].granted.pico(), 500);
  // 400 unused; remaining 500, share 250: not low.
  const auto renewed = Sync("px_a", {Used("bud_a", 100)}, {Leased("bud_a", 1'000)}, kLedgerNow + 1);
  EXPECT_EQ(renewed[0].granted.pico(), 500);
  EXPECT_EQ(renewed[0].expires_unix_ms, kLedgerNow + 1 + kTtl);
  // 100 unused, below half the share (125): topped up by the share.
  EXPECT_EQ(Sync("px_a", {Used("bud_a", 400)}, {Leased("bud_a", 1'000)})[0].granted.pico(), 750);
}

TEST_P(StoreLedger, ReleaseShrinksTheGrantToWhatWasUsed) {
  MakeHardBudget("bud_a", 1'000);
  Sync("px_a", {}, {Leased("bud_a", 1'000)});
  ASSERT_EQ(Ingest("evt-1", "", "bud_a", 100, "px_a"), InsertResult::kStored);
  const auto released =
      Sync("px_a", {Used("bud_a", 180, 0, true)}, {Leased("bud_a", 1'000)}, kLedgerNow + 1);
  EXPECT_EQ(released[0].granted.pico(), 180);  // no new grant on release
  // The 80 used but not yet shipped stays reserved.
  EXPECT_EQ(Committed("bud_a", kLedgerNow + 1), 100 + 80);
  // Released below what arrived: granted stays at what was ingested.
  Sync("px_a", {Used("bud_a", 20, 0, true)}, {Leased("bud_a", 1'000)});
  EXPECT_EQ(LeaseColumn("px_a", "granted_pico_usd"), "100");
}

TEST_P(StoreLedger, EntriesOfAnotherPeriodAreIgnoredAndANewPeriodLeasesAfresh) {
  MakeHardBudget("bud_a", 1'000);
  Sync("px_a", {}, {Leased("bud_a", 1'000)});
  ASSERT_EQ(Ingest("evt-1", "", "bud_a", 400, "px_a"), InsertResult::kStored);
  // Next month: a release of the old month changes nothing there; the new month starts at 0.
  const int64_t next_month = kLedgerNow + 31LL * 86'400'000;
  const auto leases =
      Sync("px_a", {Used("bud_a", 500, 0, true)}, {Leased("bud_a", 1'000, "2026-01")}, next_month);
  ASSERT_EQ(leases.size(), 1u);
  EXPECT_EQ(leases[0].period_key, "2026-01");
  EXPECT_EQ(leases[0].granted.pico(), 500);
  // The old month's expired lease is purged by the sync.
  EXPECT_EQ(Query("SELECT period_key FROM budget_leases").size(), 1u);
}

TEST_P(StoreLedger, RenewingAnExpiredLeaseCountsItsUnshippedPart) {
  MakeHardBudget("bud_a", 1'000);
  Sync("px_a", {}, {Leased("bud_a", 1'000)});  // 500
  ASSERT_EQ(Ingest("evt-1", "", "bud_a", 100, "px_a"), InsertResult::kStored);
  // Expired: 400 granted and unshipped; spent 100. Renewed: remaining is 1000 - 100 - 400.
  const auto renewed =
      Sync("px_a", {Used("bud_a", 500)}, {Leased("bud_a", 1'000)}, kLedgerNow + kTtl + 1);
  EXPECT_EQ(renewed[0].granted.pico(), 500 + 250);
  EXPECT_EQ(Committed("bud_a", kLedgerNow + kTtl + 1), 100 + 650);
}

TEST_P(StoreLedger, ABudgetLoweredBelowItsCommittedAnswersLeasesNoMoreThanTheirUse) {
  MakeHardBudget("bud_a", 1'000);
  ASSERT_EQ(Sync("px_a", {}, {Leased("bud_a", 1'000)})[0].granted.pico(), 500);
  ASSERT_EQ(Ingest("evt-1", "", "bud_a", 100, "px_a"), InsertResult::kStored);
  // Lowered to 200 with 500 committed: px_a keeps what it used (150), not the unused 350.
  const auto lowered = Sync("px_a", {Used("bud_a", 150)}, {Leased("bud_a", 200)}, kLedgerNow + 1);
  EXPECT_EQ(lowered[0].granted.pico(), 150);
  EXPECT_EQ(lowered[0].expires_unix_ms, kLedgerNow + 1 + kTtl);
  EXPECT_EQ(Committed("bud_a", kLedgerNow + 1), 150);  // 100 spent, 50 used and unshipped
  // Within its amount again: no take-back, and no grant either (nothing remains).
  EXPECT_EQ(Sync("px_a", {Used("bud_a", 150)}, {Leased("bud_a", 150)})[0].granted.pico(), 150);
  // Raised: a grant of the new room.
  EXPECT_EQ(Sync("px_a", {Used("bud_a", 150)}, {Leased("bud_a", 1'000)})[0].granted.pico(),
            150 + 425);
}

TEST_P(StoreLedger, LeasesOfDeletedBudgetsArePurgedOnceExpired) {
  MakeHardBudget("bud_a", 1'000);
  Sync("px_a", {}, {Leased("bud_a", 1'000)});
  AuditEntry audit;
  audit.action = "budget.delete";
  ASSERT_EQ(std::get<BudgetChange>(store().DeleteBudget("bud_a", audit)), BudgetChange::kDone);
  Sync("px_b", {}, {}, kLedgerNow + 1);
  EXPECT_EQ(Query("SELECT holder FROM budget_leases").size(), 1u);  // not expired yet
  Sync("px_b", {}, {}, kLedgerNow + kTtl);
  EXPECT_TRUE(Query("SELECT holder FROM budget_leases").empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreLedger, ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

}  // namespace
}  // namespace costgate::central
