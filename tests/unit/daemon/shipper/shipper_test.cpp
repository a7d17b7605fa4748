// The shipper's thread against a central that cannot be reached (a loopback port with no
// listener): no fake central, per our rule. What central answers is tested end to end with the
// real central (tests/integration).
#include "daemon/shipper/shipper.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "tests/support/refusing_port.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::shipper {
namespace {

using outbox::testing::MakeReceipt;

// The central URL nobody answers at: refused at once.
std::string RefusedUrl(const test_support::RefusingPort& port) {
  return "http://127.0.0.1:" + std::to_string(port.port());
}

// Polls `done` until it holds or 10 s pass (the shipper has no event to wait on from outside).
bool WaitFor(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// The outbox (writer_, logging into log_pipe_) holds one receipt to ship.
class ShipperTest : public outbox::testing::WriterTest {
 protected:
  void SetUp() override {
    ASSERT_EQ(writer_.Open(config_), std::nullopt);
    writer_.Submit(MakeReceipt("0193f0c2-0000-7000-8000-000000000001"));
    writer_.Flush();
    shipper_config_.url = RefusedUrl(port_);
    shipper_config_.api_key = "ct_live_test";
    shipper_config_.batch_age = Millis(0);
    shipper_config_.backoff_first = Millis(10);
    shipper_config_.backoff_max = Millis(40);
    shipper_config_.timeout = Millis(5000);
  }

  test_support::RefusingPort port_;
  config::ShipperConfig shipper_config_;
};

TEST_F(ShipperTest, IsOffWithoutAUrl) {
  shipper_config_.url.clear();
  Shipper shipper(shipper_config_, writer_, logger_);
  shipper.Start();
  EXPECT_FALSE(shipper.enabled());
  shipper.Stop();
  EXPECT_EQ(shipper.stats().batches_failed.load(), 0u);
  EXPECT_EQ(writer_.NextShipBatch(10, false).receipts.size(), 1u);
}

TEST_F(ShipperTest, AnUnreachableCentralCountsFailedBatchesAndShipsNothing) {
  Shipper shipper(shipper_config_, writer_, logger_);
  shipper.Start();
  ASSERT_TRUE(WaitFor([&] { return shipper.stats().batches_failed.load() >= 3; }));
  shipper.Stop();
  EXPECT_EQ(shipper.stats().batches_sent.load(), 0u);
  EXPECT_EQ(shipper.stats().last_status.load(), 0);
  EXPECT_EQ(shipper.stats().backlog.load(), 1u);
  EXPECT_EQ(writer_.NextShipBatch(10, false).receipts.size(), 1u);
  EXPECT_NE(log_pipe_.Read().find("receipt batch not delivered to central; will retry"),
            std::string::npos);
}

TEST_F(ShipperTest, StopCutsABackoffWaitShort) {
  shipper_config_.backoff_first = std::chrono::minutes(10);
  shipper_config_.backoff_max = std::chrono::minutes(10);
  Shipper shipper(shipper_config_, writer_, logger_);
  shipper.Start();
  ASSERT_TRUE(WaitFor([&] { return shipper.stats().batches_failed.load() >= 1; }));
  const auto start = std::chrono::steady_clock::now();
  shipper.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST_F(ShipperTest, WithoutAKeyItLogsOnceAndSendsNothing) {
  shipper_config_.api_key.clear();
  shipper_config_.api_key_file = dir_.File("missing-key");
  Shipper shipper(shipper_config_, writer_, logger_);
  shipper.Start();
  ASSERT_TRUE(WaitFor(
      [&] { return log_pipe_.Read().find("the shipper has no API key") != std::string::npos; }));
  shipper.Stop();
  EXPECT_EQ(shipper.stats().batches_failed.load(), 0u);
  EXPECT_EQ(shipper.stats().batches_sent.load(), 0u);
}

TEST_F(ShipperTest, LogsTheCentralUrlWithoutItsQuery) {
  shipper_config_.url = RefusedUrl(port_) + "/cost?token=ct_live_in_the_url";
  Shipper shipper(shipper_config_, writer_, logger_);
  shipper.Start();
  ASSERT_TRUE(WaitFor(
      [&] { return log_pipe_.Read().find("receipt batch not delivered") != std::string::npos; }));
  shipper.Stop();
  const std::string log = log_pipe_.Read();
  EXPECT_NE(log.find(R"("url":")" + RefusedUrl(port_) + R"(/cost")"), std::string::npos) << log;
  EXPECT_EQ(log.find("ct_live_in_the_url"), std::string::npos) << log;
}

TEST_F(ShipperTest, DrainAgainstAnUnreachableCentralEndsAtItsBoundAndKeepsTheReceipt) {
  shipper_config_.backoff_first = std::chrono::minutes(10);  // a drain must cut this wait short
  shipper_config_.backoff_max = std::chrono::minutes(10);
  shipper_config_.drain = Millis(300);
  Shipper shipper(shipper_config_, writer_, logger_);
  shipper.Start();
  ASSERT_TRUE(WaitFor([&] { return shipper.stats().batches_failed.load() >= 1; }));
  const uint64_t failed_before = shipper.stats().batches_failed.load();
  const Shipper::DrainOutcome outcome = shipper.Drain();
  EXPECT_FALSE(outcome.emptied);
  EXPECT_GE(outcome.took, Millis(300));
  EXPECT_LT(outcome.took, Millis(1'000));
  // It tried again as the drain began, then backed off until the bound.
  EXPECT_GT(shipper.stats().batches_failed.load(), failed_before);
  EXPECT_EQ(writer_.NextShipBatch(10, false).receipts.size(), 1u);
}

TEST_F(ShipperTest, DrainWithoutAKeyEndsAtOnce) {
  shipper_config_.api_key.clear();
  shipper_config_.api_key_file = dir_.File("missing-key");
  shipper_config_.drain = std::chrono::minutes(1);
  Shipper shipper(shipper_config_, writer_, logger_);
  shipper.Start();
  const Shipper::DrainOutcome outcome = shipper.Drain();
  EXPECT_FALSE(outcome.emptied);
  EXPECT_LT(outcome.took, Millis(2'000));
  EXPECT_EQ(writer_.NextShipBatch(10, false).receipts.size(), 1u);
}

TEST_F(ShipperTest, DrainOfAShipperNotStartedReturnsAtOnce) {
  shipper_config_.drain = std::chrono::minutes(1);
  Shipper shipper(shipper_config_, writer_, logger_);
  const Shipper::DrainOutcome outcome = shipper.Drain();
  EXPECT_FALSE(outcome.emptied);
  EXPECT_EQ(outcome.took, Millis(0));
}

}  // namespace
}  // namespace costgate::daemon::shipper
