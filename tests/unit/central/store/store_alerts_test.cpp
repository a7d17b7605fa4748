// Budget alerts, their deliveries and every attempt, against every store: an alert is recorded
// once per (budget, period, kind, threshold) whichever connection tries first, and a delivery is
// claimed by one sender at a time.
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/central/store/store_helpers.h"

namespace costgate::central {
namespace {

using pricing::Money;

constexpr int64_t kFired = 1'765'000'000'000;  // 2025-12-06T05:46:40Z
constexpr int64_t kClaimMs = 90'000;

Alert AlertFor(const std::string& budget_id, const std::string& period_key, int percent) {
  Alert a;
  a.budget_id = budget_id;
  a.period_key = period_key;
  a.kind = std::string(kAlertThreshold);
  a.threshold_percent = percent;
  a.fired_unix_ms = kFired;
  a.spent = Money::FromPico(12'000'000'000'000);
  a.amount = Money::FromPico(15'000'000'000'000);
  a.budget_name = "ford-gemini";
  a.period = "monthly";
  a.period_start_unix_ms = 1'764'547'200'000;
  a.period_end_unix_ms = 1'767'225'600'000;
  a.subject = "Budget \"ford-gemini\" reached " + std::to_string(percent) + "%";
  a.text = "Budget ford-gemini has spent $12.00 of its $15.00 monthly amount.\n";
  return a;
}

const std::vector<DeliveryTarget> kTargets = {
    {std::string(kChannelEmail), "a@example.com, b@example.com"},
    {std::string(kChannelWebhook), "https://hooks.example.com/services/T0/B0/secret"}};

class StoreAlerts : public store_testing::StoreTest {
 protected:
  bool Record(const Alert& alert, const std::vector<DeliveryTarget>& targets = kTargets) {
    return Value(store().RecordAlert(alert, targets));
  }
  DeliveryClaims Claim(int64_t now, int max_attempts = 8, int limit = 10) {
    return Value(store().ClaimDeliveries(now, kClaimMs, max_attempts, limit));
  }
  void Finish(const AttemptResult& result) {
    const StoreStatus status = store().FinishAttempt(result);
    EXPECT_FALSE(status) << status->message;
  }
  std::vector<AlertLogEntry> Log(int64_t limit = 100, std::optional<int64_t> before = {}) {
    return Value(store().ListAlerts(limit, before));
  }

  template <typename T>
  static T Value(StoreResult<T> result) {
    if (auto* error = std::get_if<StoreError>(&result)) {
      ADD_FAILURE() << error->message;
      return T{};
    }
    return std::get<T>(std::move(result));
  }
};
INSTANTIATE_TEST_SUITE_P(Stores, StoreAlerts, ::testing::ValuesIn(store_testing::StoresUnderTest()),
                         store_testing::StoreName);

AttemptResult Ended(int64_t delivery_id, int attempt, std::string_view outcome, int64_t at,
                    int64_t next = 0) {
  AttemptResult r;
  r.delivery_id = delivery_id;
  r.attempt = attempt;
  r.ended_unix_ms = at;
  r.outcome = std::string(outcome);
  r.detail = outcome == kDeliverySent ? "HTTP 204" : "HTTP 500";
  r.next_attempt_unix_ms = next;
  return r;
}

TEST_P(StoreAlerts, AnAlertIsRecordedOncePerBudgetPeriodKindAndThreshold) {
  EXPECT_TRUE(Record(AlertFor("bud_1", "2025-12", 80)));
  EXPECT_FALSE(Record(AlertFor("bud_1", "2025-12", 80)));
  Alert forecast = AlertFor("bud_1", "2025-12", 100);
  forecast.kind = std::string(kAlertForecast);
  forecast.projected = Money::FromPico(20'000'000'000'000);
  EXPECT_TRUE(Record(AlertFor("bud_1", "2025-12", 100)));
  EXPECT_TRUE(Record(forecast));                          // same threshold, other kind
  EXPECT_TRUE(Record(AlertFor("bud_1", "2026-01", 80)));  // the next period fires again
  EXPECT_TRUE(Record(AlertFor("bud_2", "2025-12", 80)));
  EXPECT_EQ(Log().size(), 5u);
  // Only the call that recorded an alert added its deliveries.
  EXPECT_EQ(Query("SELECT count(*) AS n FROM alert_deliveries")[0]["n"], "10");
}

TEST_P(StoreAlerts, EveryFieldReadsBackAsWrittenWithOnePendingDeliveryPerTarget) {
  Alert forecast = AlertFor("bud_1", "2025-12", 100);
  forecast.kind = std::string(kAlertForecast);
  forecast.projected = Money::FromPico(20'000'000'000'000);
  ASSERT_TRUE(Record(forecast));
  const std::vector<AlertLogEntry> log = Log();
  ASSERT_EQ(log.size(), 1u);
  Alert read = log[0].alert;
  EXPECT_GT(read.id, 0);
  read.id = 0;
  EXPECT_EQ(read, forecast);
  ASSERT_EQ(log[0].deliveries.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const Delivery& d = log[0].deliveries[i];
    EXPECT_EQ(d.alert_id, log[0].alert.id);
    EXPECT_EQ(d.to, kTargets[i]);
    EXPECT_EQ(d.status, kDeliveryPending);
    EXPECT_EQ(d.attempts, 0);
    EXPECT_EQ(d.next_attempt_unix_ms, kFired);
    EXPECT_EQ(d.sent_unix_ms, std::nullopt);
    EXPECT_TRUE(d.log.empty());
  }
}

TEST_P(StoreAlerts, AnAlertWithoutTargetsIsLoggedWithNoDelivery) {
  ASSERT_TRUE(Record(AlertFor("bud_1", "2025-12", 50), {}));
  EXPECT_TRUE(Log()[0].deliveries.empty());
  EXPECT_EQ(Claim(kFired + 1).next_due_unix_ms, std::nullopt);
}

TEST_P(StoreAlerts, AClaimTakesOneAttemptAndHidesTheDeliveryUntilItExpires) {
  ASSERT_TRUE(Record(AlertFor("bud_1", "2025-12", 80)));
  EXPECT_TRUE(Claim(kFired - 1).claimed.empty());  // not due yet
  const DeliveryClaims first = Claim(kFired, 8, 1);
  ASSERT_EQ(first.claimed.size(), 1u);
  const ClaimedDelivery& claimed = first.claimed[0];
  EXPECT_EQ(claimed.delivery.attempts, 1);
  EXPECT_EQ(claimed.delivery.next_attempt_unix_ms, kFired + kClaimMs);
  EXPECT_EQ(claimed.alert.subject, "Budget \"ford-gemini\" reached 80%");
  EXPECT_EQ(claimed.delivery.to, kTargets[0]);
  EXPECT_EQ(first.next_due_unix_ms, kFired);  // the webhook's delivery is still due

  const DeliveryClaims second = Claim(kFired);
  ASSERT_EQ(second.claimed.size(), 1u);
  EXPECT_EQ(second.claimed[0].delivery.to, kTargets[1]);
  EXPECT_EQ(second.next_due_unix_ms, kFired + kClaimMs);
  EXPECT_TRUE(Claim(kFired + 1).claimed.empty());

  const Delivery logged = Log()[0].deliveries[0];
  ASSERT_EQ(logged.log.size(), 1u);
  EXPECT_EQ(logged.log[0].outcome, kAttemptSending);
  EXPECT_EQ(logged.log[0].started_unix_ms, kFired);
}

TEST_P(StoreAlerts, RetriedThenSentDeliveryLogsEveryAttempt) {
  ASSERT_TRUE(Record(AlertFor("bud_1", "2025-12", 80), {kTargets[1]}));
  ClaimedDelivery c = Claim(kFired).claimed.at(0);
  Finish(Ended(c.delivery.id, 1, kAttemptRetry, kFired + 10, kFired + 1'000));
  EXPECT_TRUE(Claim(kFired + 999).claimed.empty());
  EXPECT_EQ(Claim(kFired + 999).next_due_unix_ms, kFired + 1'000);
  c = Claim(kFired + 1'000).claimed.at(0);
  EXPECT_EQ(c.delivery.attempts, 2);
  EXPECT_EQ(c.delivery.last_error, "HTTP 500");
  Finish(Ended(c.delivery.id, 2, kDeliverySent, kFired + 1'020));

  const Delivery d = Log()[0].deliveries.at(0);
  EXPECT_EQ(d.status, kDeliverySent);
  EXPECT_EQ(d.attempts, 2);
  EXPECT_EQ(d.sent_unix_ms, kFired + 1'020);
  EXPECT_EQ(d.last_error, "");
  ASSERT_EQ(d.log.size(), 2u);
  EXPECT_EQ(d.log[0], (DeliveryAttempt{1, kFired, kFired + 10, "retry", "HTTP 500"}));
  EXPECT_EQ(d.log[1], (DeliveryAttempt{2, kFired + 1'000, kFired + 1'020, "sent", "HTTP 204"}));
  EXPECT_EQ(Claim(kFired + 10'000'000).next_due_unix_ms, std::nullopt);
}

TEST_P(StoreAlerts, AFailedDeliveryIsNeverClaimedAgain) {
  ASSERT_TRUE(Record(AlertFor("bud_1", "2025-12", 80), {kTargets[1]}));
  const ClaimedDelivery c = Claim(kFired).claimed.at(0);
  Finish(Ended(c.delivery.id, 1, kDeliveryFailed, kFired + 5));
  EXPECT_EQ(Log()[0].deliveries[0].status, kDeliveryFailed);
  EXPECT_EQ(Log()[0].deliveries[0].last_error, "HTTP 500");
  EXPECT_TRUE(Claim(kFired + 10'000'000).claimed.empty());
}

TEST_P(StoreAlerts, AClaimWhoseSenderDiedIsTakenOverAndGivenUpAfterTheLastAttempt) {
  ASSERT_TRUE(Record(AlertFor("bud_1", "2025-12", 80), {kTargets[1]}));
  ASSERT_EQ(Claim(kFired, 2).claimed.size(), 1u);  // attempt 1: no result ever comes
  const DeliveryClaims retaken = Claim(kFired + kClaimMs, 2);
  ASSERT_EQ(retaken.claimed.size(), 1u);  // attempt 2, after the claim expired
  EXPECT_EQ(retaken.claimed[0].delivery.attempts, 2);
  EXPECT_TRUE(Claim(kFired + 2 * kClaimMs, 2).claimed.empty());
  const Delivery d = Log()[0].deliveries.at(0);
  EXPECT_EQ(d.status, kDeliveryFailed);
  EXPECT_EQ(d.last_error, "no result recorded for attempt 2");
  ASSERT_EQ(d.log.size(), 2u);
  EXPECT_EQ(d.log[1].outcome, kAttemptSending);
}

TEST_P(StoreAlerts, ALateResultChangesADeliveryTakenOverOnlyWhenItWasSent) {
  ASSERT_TRUE(Record(AlertFor("bud_1", "2025-12", 80), {kTargets[1]}));
  const int64_t id = Claim(kFired).claimed.at(0).delivery.id;
  ASSERT_EQ(Claim(kFired + kClaimMs).claimed.size(), 1u);  // attempt 2 takes over
  Finish(Ended(id, 1, kAttemptRetry, kFired + kClaimMs + 1, kFired + 5 * kClaimMs));
  EXPECT_EQ(Log()[0].deliveries[0].next_attempt_unix_ms, kFired + 2 * kClaimMs);  // attempt 2's
  Finish(Ended(id, 1, kDeliverySent, kFired + kClaimMs + 2));
  EXPECT_EQ(Log()[0].deliveries[0].status, kDeliverySent);
}

TEST_P(StoreAlerts, TheLogPagesNewestFirst) {
  for (int percent : {10, 20, 30, 40, 50}) {
    ASSERT_TRUE(Record(AlertFor("bud_1", "2025-12", percent)));
  }
  const std::vector<AlertLogEntry> first = Log(2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].alert.threshold_percent, 50);
  EXPECT_EQ(first[1].alert.threshold_percent, 40);
  const std::vector<AlertLogEntry> second = Log(2, first[1].alert.id);
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].alert.threshold_percent, 30);
  const std::vector<AlertLogEntry> last = Log(2, second[1].alert.id);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].alert.threshold_percent, 10);
  EXPECT_EQ(last[0].deliveries.size(), 2u);
}

TEST_P(StoreAlerts, AReaderSeesTheLog) {
  ASSERT_TRUE(Record(AlertFor("bud_1", "2025-12", 80)));
  std::unique_ptr<Store> reader = OpenReader();
  ASSERT_NE(reader, nullptr);
  auto log = reader->ListAlerts(10, std::nullopt);
  ASSERT_TRUE(std::holds_alternative<std::vector<AlertLogEntry>>(log));
  EXPECT_EQ(std::get<std::vector<AlertLogEntry>>(log).size(), 1u);
}

// Two central processes on one store, both seeing every threshold due at once: each alert is
// recorded by exactly one of them, and each delivery claimed by exactly one.
TEST_P(StoreAlerts, TwoReplicasRacingRecordAndClaimEachAlertOnce) {
  std::unique_ptr<Store> replica = OpenReplica();
  ASSERT_NE(replica, nullptr);
  std::atomic<int> recorded{0};
  std::atomic<int> claimed{0};
  std::atomic<int> errors{0};
  const auto run = [&](Store& store) {
    for (int round = 0; round < 20; ++round) {
      for (int percent : {50, 80, 100}) {
        auto result = store.RecordAlert(AlertFor("bud_1", "2025-12", percent), kTargets);
        if (auto* fired = std::get_if<bool>(&result)) {
          recorded += *fired ? 1 : 0;
        } else {
          ++errors;
        }
      }
      auto claims = store.ClaimDeliveries(kFired, kClaimMs, 8, 1);
      if (auto* got = std::get_if<DeliveryClaims>(&claims)) {
        claimed += static_cast<int>(got->claimed.size());
      } else {
        ++errors;
      }
    }
  };
  std::thread other([&] { run(*replica); });
  run(store());
  other.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(recorded.load(), 3);
  EXPECT_EQ(claimed.load(), 6);  // 3 alerts x 2 targets, each once
  EXPECT_EQ(Query("SELECT count(*) AS n FROM alert_deliveries WHERE attempts = 1")[0]["n"], "6");
}

}  // namespace
}  // namespace costgate::central
