// The alert sender stopped in the middle of a delivery: the attempt is cut short and recorded as
// a retry due at once, so the next start sends it without waiting out a backoff or a claim.
#include "daemon/alerts/alert_sender.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "central/store/open_store.h"
#include "tests/integration/counting_listener_helpers.h"
#include "tests/support/temp_dir.h"

namespace costgate::integration {
namespace {

TEST(AlertSender, AStopMidDeliveryLeavesARetryDueAtOnce) {
  test_support::TempDir dir;
  auto opened = central::OpenStore({config::StoreLocation::Kind::kSqlite, dir.File("central.db")},
                                   config::SqliteSynchronous::kOff);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<central::Store>>(opened));
  central::Store& store = *std::get<std::unique_ptr<central::Store>>(opened);

  CountingListener silent;  // accepts, reads, never answers
  config::AlertsConfig alerts;
  alerts.webhooks = {{"http://127.0.0.1:" + std::to_string(silent.port()) + "/hook", "", ""}};
  central::Alert alert;
  alert.budget_id = "bud_000000000001";
  alert.period_key = "2025-12";
  alert.kind = std::string(central::kAlertThreshold);
  alert.threshold_percent = 80;
  alert.fired_unix_ms = 1;  // due long ago
  const std::vector<central::DeliveryTarget> targets = {
      {std::string(central::kChannelWebhook), alerts.webhooks[0].url}};
  ASSERT_TRUE(std::get<bool>(store.RecordAlert(alert, targets)));

  const daemon::log::Logger& logger = daemon::log::Default();
  daemon::alerts::AlertSender sender(
      alerts, [&store](const std::function<void(central::Store&)>& job) { job(store); }, logger);
  sender.Start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (silent.bytes() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling, bounded above
  }
  ASSERT_GT(silent.bytes(), 0u);
  sender.Stop();

  const auto log = std::get<std::vector<central::AlertLogEntry>>(store.ListAlerts(10, {}));
  const central::Delivery& delivery = log.at(0).deliveries.at(0);
  EXPECT_EQ(delivery.status, central::kDeliveryPending);
  EXPECT_EQ(delivery.attempts, 1);
  ASSERT_EQ(delivery.log.size(), 1u);
  EXPECT_EQ(delivery.log[0].outcome, central::kAttemptRetry);
  EXPECT_EQ(delivery.log[0].detail, "stopped: the daemon is shutting down");
  EXPECT_EQ(delivery.next_attempt_unix_ms, delivery.log[0].ended_unix_ms);
}

}  // namespace
}  // namespace costgate::integration
