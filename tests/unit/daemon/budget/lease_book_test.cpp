// The lease book alone: scope matching, all-or-none holds, per-request caps, settling, period
// rollover, lease expiry, the sync report, and concurrent reservations never passing a lease.
#include "daemon/budget/lease_book.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace costgate::daemon::budget {
namespace {

using filters::Exchange;
using filters::preflight::GateCall;
using pricing::Money;

constexpr int64_t kBookNow = 1'800'000'000'000;  // the tests' wall clock (central's too)
constexpr int64_t kBookTtl = 60'000;

SyncedBudget BookBudget(std::string id, int64_t granted, std::string project = "") {
  SyncedBudget b;
  b.id = id;
  b.name = "name of " + id;
  b.scope.project = std::move(project);
  b.period_key = "2027-01";
  b.period_end_unix_ms = kBookNow + 86'400'000;
  b.hard_limit = true;
  b.lease = LeaseGrant{Money::FromPico(granted), kBookNow + kBookTtl};
  return b;
}

LeaseAnswer BookAnswer(std::vector<SyncedBudget> budgets, int64_t now = kBookNow) {
  return {now, kBookTtl, std::move(budgets)};
}

Exchange BookExchange(std::string project = "invoices") {
  Exchange x;
  x.event_id = "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70";
  x.provider = "gemini";
  x.labels.project = std::move(project);
  x.labels.source_app = "billing";
  return x;
}

GateCall BookCall(const Exchange& x, std::optional<int64_t> estimate, bool exact = false) {
  GateCall call;
  call.x = &x;
  call.model = "gemini-2.5-flash";
  if (estimate) {
    call.estimate = Money::FromPico(*estimate);
  }
  call.exact = exact;
  return call;
}

int64_t BookRemaining(const LeaseBook& book, const std::string& id) {
  for (const auto& v : book.Remaining(100)) {
    if (v.budget_id == id) {
      return v.remaining_pico;
    }
  }
  ADD_FAILURE() << "no lease for " << id;
  return 0;
}

TEST(LeaseBook, KnowsNothingBeforeTheFirstSync) {
  LeaseBook book;
  const Exchange x = BookExchange();
  EXPECT_EQ(book.Reserve(BookCall(x, 10), kBookNow).status, ReserveStatus::kNotSynced);
  EXPECT_FALSE(book.synced());
  EXPECT_EQ(book.NextSyncDueMs(), std::nullopt);
}

TEST(LeaseBook, HoldsInEveryCoveringHardBudgetAndNoOther) {
  LeaseBook book;
  SyncedBudget soft = BookBudget("bud_soft", 0);
  soft.hard_limit = false;
  soft.lease.reset();
  SyncedBudget model = BookBudget("bud_model", 1000);
  model.scope.model = "gemini-2.5-pro";  // another model: does not cover
  SyncedBudget provider = BookBudget("bud_provider", 1000);
  provider.scope.provider = "gemini";
  book.Apply(BookAnswer({BookBudget("bud_org", 1000), BookBudget("bud_inv", 1000, "invoices"),
                         BookBudget("bud_other", 1000, "payroll"), soft, model, provider}),
             kBookNow, 1000);
  const Exchange x = BookExchange();
  const ReserveResult r = book.Reserve(BookCall(x, 300), kBookNow);
  ASSERT_EQ(r.status, ReserveStatus::kHeld);
  EXPECT_NE(r.reservation, 0u);
  EXPECT_EQ(r.budget.id, "bud_org");  // the first covering one names the hold
  EXPECT_EQ(r.budget.name, "name of bud_org");
  EXPECT_EQ(BookRemaining(book, "bud_org"), 700);
  EXPECT_EQ(BookRemaining(book, "bud_inv"), 700);
  EXPECT_EQ(BookRemaining(book, "bud_provider"), 700);
  EXPECT_EQ(BookRemaining(book, "bud_other"), 1000);
  EXPECT_EQ(BookRemaining(book, "bud_model"), 1000);
}

TEST(LeaseBook, ACallNoHardBudgetCoversHoldsNothing) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_inv", 1000, "invoices")}), kBookNow, 1000);
  const Exchange x = BookExchange("payroll");
  const ReserveResult r = book.Reserve(BookCall(x, 300), kBookNow);
  EXPECT_EQ(r.status, ReserveStatus::kUncovered);
  EXPECT_EQ(r.reservation, 0u);
}

TEST(LeaseBook, HoldsInAllOrNone) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 1000), BookBudget("bud_inv", 100, "invoices")}),
             kBookNow, 1000);
  const Exchange x = BookExchange();
  const ReserveResult r = book.Reserve(BookCall(x, 300), kBookNow);
  EXPECT_EQ(r.status, ReserveStatus::kNeedLease);
  EXPECT_EQ(r.budget.id, "bud_inv");
  EXPECT_EQ(BookRemaining(book, "bud_org"), 1000);  // not held where there was room either
  EXPECT_EQ(BookRemaining(book, "bud_inv"), 100);
  // The need is what the next sync asks for, for that budget only.
  const std::vector<LeaseReport> reports = book.Reports(false);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].need, Money());
  EXPECT_EQ(reports[1].budget_id, "bud_inv");
  EXPECT_EQ(reports[1].need, Money::FromPico(300));
  EXPECT_EQ(reports[1].used, Money());
  EXPECT_FALSE(reports[1].release);
}

TEST(LeaseBook, AnUnpricedCallHoldsZero) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 0)}), kBookNow, 1000);
  const Exchange x = BookExchange();
  const ReserveResult r = book.Reserve(BookCall(x, std::nullopt), kBookNow);
  ASSERT_EQ(r.status, ReserveStatus::kHeld);
  EXPECT_EQ(BookRemaining(book, "bud_org"), 0);
}

TEST(LeaseBook, APerRequestCapBoundsAnInexactEstimateAndDeniesAnExactOneAboveIt) {
  LeaseBook book;
  SyncedBudget capped = BookBudget("bud_cap", 1000);
  capped.per_request_cap = Money::FromPico(200);
  book.Apply(BookAnswer({capped}), kBookNow, 1000);
  const Exchange x = BookExchange();
  const ReserveResult inexact = book.Reserve(BookCall(x, 500), kBookNow);
  ASSERT_EQ(inexact.status, ReserveStatus::kHeld);
  EXPECT_EQ(BookRemaining(book, "bud_cap"), 800);  // 200 held, not 500
  const ReserveResult exact = book.Reserve(BookCall(x, 201, true), kBookNow);
  EXPECT_EQ(exact.status, ReserveStatus::kOverCap);
  EXPECT_EQ(exact.budget.id, "bud_cap");
  EXPECT_EQ(book.Reserve(BookCall(x, 200, true), kBookNow).status, ReserveStatus::kHeld);
  EXPECT_EQ(BookRemaining(book, "bud_cap"), 600);
}

TEST(LeaseBook, SettleReplacesTheHoldByTheRealCostOnce) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 1000), BookBudget("bud_inv", 1000, "invoices")}),
             kBookNow, 1000);
  const Exchange x = BookExchange();
  const uint64_t held = book.Reserve(BookCall(x, 300), kBookNow).reservation;
  book.Settle(held, Money::FromPico(120));
  EXPECT_EQ(BookRemaining(book, "bud_org"), 880);
  EXPECT_EQ(BookRemaining(book, "bud_inv"), 880);
  book.Settle(held, Money::FromPico(120));  // a second settle of the same reservation: ignored
  EXPECT_EQ(BookRemaining(book, "bud_org"), 880);
  // Unpriced and refused calls settle at 0.
  const uint64_t unpriced = book.Reserve(BookCall(x, 300), kBookNow).reservation;
  book.Settle(unpriced, std::nullopt);
  EXPECT_EQ(BookRemaining(book, "bud_org"), 880);
  // A real cost above the estimate counts in full (the overshoot the design bounds).
  const uint64_t over = book.Reserve(BookCall(x, 100), kBookNow).reservation;
  book.Settle(over, Money::FromPico(1000));
  EXPECT_EQ(BookRemaining(book, "bud_org"), -120);
  EXPECT_EQ(book.Reports(false)[0].used, Money::FromPico(1120));
}

TEST(LeaseBook, ARecycledReservationRecordDoesNotAnswerToItsOldId) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 1000)}), kBookNow, 1000);
  const Exchange x = BookExchange();
  const uint64_t first = book.Reserve(BookCall(x, 100), kBookNow).reservation;
  book.Settle(first, Money::FromPico(100));
  const uint64_t second = book.Reserve(BookCall(x, 100), kBookNow).reservation;
  EXPECT_NE(first, second);
  book.Settle(first, Money());  // stale: must not release the second's hold
  EXPECT_EQ(BookRemaining(book, "bud_org"), 800);
  book.Settle(second, Money());
  EXPECT_EQ(BookRemaining(book, "bud_org"), 900);
}

TEST(LeaseBook, ALeaseCloseToItsExpiryIsNotUsed) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 1000)}), kBookNow, 1000);
  const Exchange x = BookExchange();
  // The margin is a quarter of the TTL: 15 s of the 60 s lease.
  EXPECT_EQ(book.Reserve(BookCall(x, 10), kBookNow + 44'000).status, ReserveStatus::kHeld);
  EXPECT_EQ(book.Reserve(BookCall(x, 10), kBookNow + 45'000).status, ReserveStatus::kNeedLease);
}

TEST(LeaseBook, CentralTimesAreTakenInTheLocalClock) {
  LeaseBook book;
  // Central's clock runs 30 s behind ours: its lease ends 30 s later for us than it says.
  book.Apply(BookAnswer({BookBudget("bud_org", 1000)}, kBookNow - 30'000), kBookNow, 1000);
  const Exchange x = BookExchange();
  EXPECT_EQ(book.Reserve(BookCall(x, 10), kBookNow + 74'000).status, ReserveStatus::kHeld);
  EXPECT_EQ(book.Reserve(BookCall(x, 10), kBookNow + 75'000).status, ReserveStatus::kNeedLease);
}

TEST(LeaseBook, APeriodThatEndedMakesTheLeaseUnusableAndTheNewPeriodStartsAtZero) {
  LeaseBook book;
  SyncedBudget b = BookBudget("bud_day", 1000);
  b.period_end_unix_ms = kBookNow + 10'000;
  book.Apply(BookAnswer({b}), kBookNow, 1000);
  const Exchange x = BookExchange();
  const uint64_t open = book.Reserve(BookCall(x, 600), kBookNow + 9'000).reservation;
  ASSERT_NE(open, 0u);
  EXPECT_EQ(book.Reserve(BookCall(x, 10), kBookNow + 10'000).status, ReserveStatus::kNeedLease);
  EXPECT_EQ(book.NextSyncDueMs(), kBookNow + 10'000);  // the period end, before the refresh
  // Central's next answer is the next period's, with a fresh lease.
  SyncedBudget next = BookBudget("bud_day", 500);
  next.period_key = "2027-01-02";
  next.period_end_unix_ms = kBookNow + 86'410'000;
  next.lease->expires_unix_ms = kBookNow + 10'000 + kBookTtl;
  book.Apply(BookAnswer({next}, kBookNow + 10'000), kBookNow + 10'000, 1000);
  EXPECT_EQ(BookRemaining(book, "bud_day"), 500);
  // The old period's open hold settles into nothing.
  book.Settle(open, Money::FromPico(600));
  EXPECT_EQ(BookRemaining(book, "bud_day"), 500);
  const std::vector<LeaseReport> reports = book.Reports(false);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].period_key, "2027-01-02");
  EXPECT_EQ(reports[0].used, Money());
}

TEST(LeaseBook, ANeedCentralDidNotMeetDeniesAtOnceForAWhile) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 100)}), kBookNow, 1000);
  const Exchange x = BookExchange();
  EXPECT_EQ(book.Reserve(BookCall(x, 300), kBookNow).status, ReserveStatus::kNeedLease);
  ASSERT_EQ(book.Reports(false)[0].need, Money::FromPico(300));
  book.Apply(BookAnswer({BookBudget("bud_org", 150)}, kBookNow + 5), kBookNow + 5, 1000);
  const ReserveResult dry = book.Reserve(BookCall(x, 300), kBookNow + 10);
  EXPECT_EQ(dry.status, ReserveStatus::kExhausted);
  EXPECT_EQ(dry.budget.id, "bud_org");
  EXPECT_EQ(dry.budget.period_end_unix_ms, kBookNow + 86'400'000);
  EXPECT_EQ(book.Reserve(BookCall(x, 100), kBookNow + 10).status, ReserveStatus::kHeld);
  // After the dry spell, central is asked again.
  EXPECT_EQ(book.Reserve(BookCall(x, 300), kBookNow + 1006).status, ReserveStatus::kNeedLease);
}

TEST(LeaseBook, ReportsALeaseBelowHalfItsLastGrantOnce) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 1000)}), kBookNow, 1000);
  const Exchange x = BookExchange();
  EXPECT_FALSE(book.Reserve(BookCall(x, 400), kBookNow).wants_sync);
  EXPECT_TRUE(book.Reserve(BookCall(x, 200), kBookNow).wants_sync);  // 400 left < 500
  EXPECT_FALSE(book.Reserve(BookCall(x, 100), kBookNow).wants_sync);
  // More granted: the next fall is reported again.
  book.Apply(BookAnswer({BookBudget("bud_org", 1400)}), kBookNow, 1000);
  EXPECT_FALSE(book.Reserve(BookCall(x, 10), kBookNow).wants_sync);  // 690 left of 400 added
  EXPECT_TRUE(book.Reserve(BookCall(x, 500), kBookNow).wants_sync);  // 190: below half of 400
}

TEST(LeaseBook, ReleaseReportsEveryLeaseWithItsUseAndNoNeed) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 100), BookBudget("bud_inv", 1000, "invoices")}),
             kBookNow, 1000);
  const Exchange x = BookExchange();
  book.Reserve(BookCall(x, 300), kBookNow);  // records a need for bud_org
  const uint64_t held = book.Reserve(BookCall(x, 50), kBookNow).reservation;
  book.Settle(held, Money::FromPico(40));
  const std::vector<LeaseReport> reports = book.Reports(true);
  ASSERT_EQ(reports.size(), 2u);
  for (const LeaseReport& r : reports) {
    EXPECT_TRUE(r.release);
    EXPECT_EQ(r.need, Money());
    EXPECT_EQ(r.used, Money::FromPico(40));
  }
}

TEST(LeaseBook, ABudgetCentralNoLongerNamesIsForgottenOnceItsHoldsSettle) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_gone", 1000)}), kBookNow, 1000);
  const Exchange x = BookExchange();
  const uint64_t held = book.Reserve(BookCall(x, 100), kBookNow).reservation;
  book.Apply(BookAnswer({}), kBookNow, 1000);
  EXPECT_EQ(book.Reserve(BookCall(x, 100), kBookNow).status, ReserveStatus::kUncovered);
  EXPECT_TRUE(book.Remaining(100).empty());
  book.Settle(held, Money::FromPico(100));  // its entry still exists for this
  book.Apply(BookAnswer({}), kBookNow, 1000);
}

TEST(LeaseBook, FailClosedBudgetNamesALackingBudgetWhoseRuleIsClosed) {
  LeaseBook book;
  SyncedBudget open = BookBudget("bud_open", 0);
  open.fail_closed = false;
  SyncedBudget closed = BookBudget("bud_closed", 0, "invoices");
  closed.fail_closed = true;
  SyncedBudget roomy = BookBudget("bud_roomy", 1000);
  roomy.fail_closed = true;  // has room: its rule does not matter
  book.Apply(BookAnswer({roomy, open, BookBudget("bud_default", 0), closed}), kBookNow, 1000);
  const Exchange x = BookExchange();
  EXPECT_EQ(book.FailClosedBudget(BookCall(x, 10), kBookNow, false)->id, "bud_closed");
  EXPECT_EQ(book.FailClosedBudget(BookCall(x, 10), kBookNow, true)->id, "bud_default");
  const Exchange other = BookExchange("payroll");
  EXPECT_EQ(book.FailClosedBudget(BookCall(other, 10), kBookNow, false), std::nullopt);
  // Forced holds ignore the leases, so the use still reaches central.
  const ReserveResult forced = book.Reserve(BookCall(other, 10), kBookNow, HoldRule::kForced);
  ASSERT_EQ(forced.status, ReserveStatus::kHeld);
  EXPECT_EQ(BookRemaining(book, "bud_open"), -10);
}

TEST(LeaseBook, ConcurrentReservationsNeverPassTheLease) {
  LeaseBook book;
  book.Apply(BookAnswer({BookBudget("bud_org", 10'000), BookBudget("bud_inv", 7'000, "invoices")}),
             kBookNow, 1000);
  const Exchange x = BookExchange();
  std::atomic<int64_t> held{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<uint64_t> open;
      for (int i = 0; i < 2000; ++i) {
        const ReserveResult r = book.Reserve(BookCall(x, 10), kBookNow);
        if (r.status == ReserveStatus::kHeld) {
          held += 10;
          open.push_back(r.reservation);
        }
        // Half the threads settle as they go, at the estimate: use stays what was held.
        if (t % 2 == 0 && open.size() > 3) {
          book.Settle(open.front(), Money::FromPico(10));
          open.erase(open.begin());
        }
      }
      for (const uint64_t id : open) {
        book.Settle(id, Money::FromPico(10));
      }
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  EXPECT_EQ(held.load(), 7'000);  // the smaller lease, to the last pico
  EXPECT_EQ(BookRemaining(book, "bud_inv"), 0);
  EXPECT_EQ(BookRemaining(book, "bud_org"), 3'000);
}

}  // namespace
}  // namespace costgate::daemon::budget
