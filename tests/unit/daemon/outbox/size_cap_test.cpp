// The receipts database's size cap: receipts past it are counted, not stored, and storing
// resumes once retention frees space.
#include "daemon/outbox/size_cap.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/log/logger.h"
#include "daemon/outbox/receipt_writer.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::outbox::testing {
namespace {

TEST(SizeCap, IsFullFromTheCapOn) {
  SizeCap cap(1000);
  EXPECT_FALSE(cap.Update(999));
  EXPECT_TRUE(cap.Update(1000));
}

TEST(SizeCap, StaysFullUntilFivePercentUnderTheCap) {
  SizeCap cap(1000);
  ASSERT_TRUE(cap.Update(1200));
  EXPECT_TRUE(cap.Update(999));
  EXPECT_TRUE(cap.Update(950));
  EXPECT_FALSE(cap.Update(949));
}

TEST(SizeCap, ZeroIsNoCap) {
  SizeCap cap(0);
  EXPECT_FALSE(cap.enabled());
  EXPECT_FALSE(cap.Update(UINT64_MAX));
}

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

// A writer opened on a database already past its 256 KiB cap: 1000 receipts (about 600 KiB)
// written before, without a cap.
class OutboxSizeCapTest : public WriterTest {
 protected:
  void SetUp() override {
    config_.max_db_bytes = 0;
    {
      ReceiptWriter uncapped;
      ASSERT_EQ(uncapped.Open(config_), std::nullopt);
      for (int i = 0; i < 1000; ++i) {
        ids_.push_back("id-" + std::to_string(1000 + i));
        uncapped.Submit(MakeReceipt(ids_.back()));
      }
    }
    config_.max_db_bytes = 256 * 1024;
    config_.retention = std::chrono::hours(1);
    ASSERT_EQ(writer_.Open(config_), std::nullopt);
  }

  void SubmitAndFlush(const std::string& id) {
    writer_.Submit(MakeReceipt(id));
    writer_.Flush();
  }

  std::vector<std::string> ids_;
};

TEST_F(OutboxSizeCapTest, ReceiptsPastTheCapAreCountedAndNotStored) {
  SubmitAndFlush("late-1");
  SubmitAndFlush("late-2");
  EXPECT_EQ(writer_.stats().written.load(), 0u);
  EXPECT_EQ(writer_.stats().dropped_full.load(), 2u);
  EXPECT_EQ(writer_.stats().full.load(), 1u);
  EXPECT_EQ(writer_.stats().queue_depth.load(), 0u);
  EXPECT_EQ(CountRows(path_), 1000u);
}

TEST_F(OutboxSizeCapTest, LogsTheFullDatabaseOnceAtError) {
  SubmitAndFlush("late-1");
  SubmitAndFlush("late-2");
  const std::string log = log_pipe_.Read();
  EXPECT_EQ(Count(log, R"("level":"error","msg":"receipts database is full)"), 1u) << log;
}

TEST_F(OutboxSizeCapTest, StoringResumesOnceRetentionFreesSpace) {
  SubmitAndFlush("late-1");
  ASSERT_EQ(writer_.stats().full.load(), 1u);
  ASSERT_EQ(writer_.MarkShipped(ids_, kShippedMs), std::nullopt);
  ASSERT_EQ(std::get<int64_t>(writer_.DeleteExpired(kShippedMs + 2 * kHourMs, 2000)), 1000);
  SubmitAndFlush("after");
  EXPECT_EQ(writer_.stats().full.load(), 0u);
  EXPECT_EQ(writer_.stats().written.load(), 1u);
  EXPECT_EQ(CountRows(path_), 1u);
  EXPECT_EQ(Count(log_pipe_.Read(), "receipts database has room again"), 1u);
}

}  // namespace
}  // namespace costgate::daemon::outbox::testing
