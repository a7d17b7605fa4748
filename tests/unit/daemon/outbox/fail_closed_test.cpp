// receipts.fail_closed: the outbox stops accepting while a receipt could not be kept, and the
// receipt filter then refuses the call instead of forwarding it unmetered.
#include <gtest/gtest.h>

#include "daemon/outbox/receipt_writer.h"
#include "filters/receipt/receipt_filter.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

constexpr const char* kUnopenable = "/nonexistent-costgate-dir/r.db";

class FailClosed : public WriterTest {};

TEST_F(FailClosed, AcceptsWhileTheOutboxIsHealthy) {
  config_.fail_closed = true;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  EXPECT_TRUE(writer_.accepting());
}

TEST_F(FailClosed, RefusesWhileTheDatabaseCannotBeOpened) {
  config_.path = kUnopenable;
  config_.fail_closed = true;
  ASSERT_TRUE(writer_.Open(config_).has_value());
  EXPECT_FALSE(writer_.accepting());
}

TEST_F(FailClosed, RefusesWhileTheQueueIsAtItsBound) {
  config_.fail_closed = true;
  config_.queue_max = 2;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("a"));
  EXPECT_TRUE(writer_.accepting());
  writer_.Submit(MakeReceipt("b"));  // the flush interval is an hour: both stay in memory
  EXPECT_FALSE(writer_.accepting());
}

TEST_F(FailClosed, RefusesWhileTheDatabaseIsFull) {
  config_.fail_closed = true;
  config_.max_db_bytes = 1;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(MakeReceipt("a"));
  writer_.Flush();
  ASSERT_EQ(writer_.stats().full.load(), 1u);
  EXPECT_FALSE(writer_.accepting());
}

TEST_F(FailClosed, OffByDefaultAFailingOutboxStillAccepts) {
  config_.path = kUnopenable;
  ASSERT_TRUE(writer_.Open(config_).has_value());
  EXPECT_TRUE(writer_.accepting());
}

filters::Exchange MeteredExchange() {
  filters::Exchange x;
  x.event_id = "0193f0c2-7a1e-7b3c-9d4e-5f6a7b8c9d0e";
  x.provider = "gemini";
  x.operation = "generateContent";
  x.metering = filters::Metering::kMetered;
  return x;
}

const filters::ReceiptOrigin kOrigin{.host = "host-1", .daemon_version = "0.1.0"};

TEST_F(FailClosed, TheReceiptFilterAnswers503InsteadOfForwarding) {
  config_.path = kUnopenable;
  config_.fail_closed = true;
  ASSERT_TRUE(writer_.Open(config_).has_value());
  filters::FilterStats stats;
  filters::ReceiptFilter filter(kOrigin, writer_, stats);
  filters::Exchange x = MeteredExchange();
  ASSERT_EQ(filter.OnRequest(x), filters::Next::kAnswered);
  EXPECT_EQ(x.reply.status, 503);
  EXPECT_EQ(x.reply.reason, "outbox_unavailable");
  const std::string* header = x.reply.headers.Find("x-costgate-reason");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(*header, "outbox_unavailable");
  EXPECT_EQ(stats.intents_submitted.load(), 0u);
}

TEST_F(FailClosed, WithoutItTheReceiptFilterForwardsDespiteAFailingOutbox) {
  config_.path = kUnopenable;
  ASSERT_TRUE(writer_.Open(config_).has_value());
  filters::FilterStats stats;
  filters::ReceiptFilter filter(kOrigin, writer_, stats);
  filters::Exchange x = MeteredExchange();
  EXPECT_EQ(filter.OnRequest(x), filters::Next::kContinue);
  EXPECT_EQ(stats.intents_submitted.load(), 1u);
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
