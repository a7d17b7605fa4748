// receipts.fail_closed: the outbox stops accepting while a receipt could not be kept, and the
// receipt filter then refuses the call instead of forwarding it unmetered.
#include <gtest/gtest.h>

#include "daemon/outbox/receipt_writer.h"
#include "filters/receipt/receipt_filter.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox {
namespace {

using testing::MakeReceipt;
using testing::TempDir;
using testing::TestConfig;

constexpr const char* kUnopenable = "/nonexistent-costgate-dir/r.db";

config::ReceiptsConfig FailClosed(const std::string& path) {
  config::ReceiptsConfig config = TestConfig(path);
  config.fail_closed = true;
  return config;
}

TEST(FailClosed, AcceptsWhileTheOutboxIsHealthy) {
  TempDir dir;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(FailClosed(dir.File("r.db"))), std::nullopt);
  EXPECT_TRUE(writer.accepting());
}

TEST(FailClosed, RefusesWhileTheDatabaseCannotBeOpened) {
  ReceiptWriter writer;
  ASSERT_TRUE(writer.Open(FailClosed(kUnopenable)).has_value());
  EXPECT_FALSE(writer.accepting());
}

TEST(FailClosed, RefusesWhileTheQueueIsAtItsBound) {
  TempDir dir;
  config::ReceiptsConfig config = FailClosed(dir.File("r.db"));
  config.queue_max = 2;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  writer.Submit(MakeReceipt("a"));
  EXPECT_TRUE(writer.accepting());
  writer.Submit(MakeReceipt("b"));  // the flush interval is an hour: both stay in memory
  EXPECT_FALSE(writer.accepting());
}

TEST(FailClosed, RefusesWhileTheDatabaseIsFull) {
  TempDir dir;
  config::ReceiptsConfig config = FailClosed(dir.File("r.db"));
  config.max_db_bytes = 1;
  ReceiptWriter writer;
  ASSERT_EQ(writer.Open(config), std::nullopt);
  writer.Submit(MakeReceipt("a"));
  writer.Flush();
  ASSERT_EQ(writer.stats().full.load(), 1u);
  EXPECT_FALSE(writer.accepting());
}

TEST(FailClosed, OffByDefaultAFailingOutboxStillAccepts) {
  ReceiptWriter writer;
  ASSERT_TRUE(writer.Open(TestConfig(kUnopenable)).has_value());
  EXPECT_TRUE(writer.accepting());
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

TEST(FailClosed, TheReceiptFilterAnswers503InsteadOfForwarding) {
  ReceiptWriter writer;
  ASSERT_TRUE(writer.Open(FailClosed(kUnopenable)).has_value());
  filters::FilterStats stats;
  filters::ReceiptFilter filter(kOrigin, writer, stats);
  filters::Exchange x = MeteredExchange();
  ASSERT_EQ(filter.OnRequest(x), filters::Next::kAnswered);
  EXPECT_EQ(x.reply.status, 503);
  EXPECT_EQ(x.reply.reason, "outbox_unavailable");
  const std::string* header = x.reply.headers.Find("x-costgate-reason");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(*header, "outbox_unavailable");
  EXPECT_EQ(stats.intents_submitted.load(), 0u);
}

TEST(FailClosed, WithoutItTheReceiptFilterForwardsDespiteAFailingOutbox) {
  ReceiptWriter writer;
  ASSERT_TRUE(writer.Open(TestConfig(kUnopenable)).has_value());
  filters::FilterStats stats;
  filters::ReceiptFilter filter(kOrigin, writer, stats);
  filters::Exchange x = MeteredExchange();
  EXPECT_EQ(filter.OnRequest(x), filters::Next::kContinue);
  EXPECT_EQ(stats.intents_submitted.load(), 1u);
}

}  // namespace
}  // namespace costgate::daemon::outbox
