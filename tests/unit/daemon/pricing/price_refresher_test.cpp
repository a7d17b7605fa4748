// PriceRefresher: a refresh that cannot download is noted in the holder's load log (what
// GET /admin/v1/prices/status reports), with its reason, and the book in force stays.
#include "daemon/pricing/price_refresher.h"

#include <gtest/gtest.h>

#include "base/clock.h"
#include "tests/support/temp_dir.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::price_refresh {
namespace {

TEST(PriceRefresher, AFailedDownloadIsTheLastAttemptAndKeepsTheBook) {
  test_support::TempDir dir;
  outbox::testing::LogPipe log;
  log::Logger logger(log.write_fd());
  costgate::pricing::PriceBookHolder holder(costgate::pricing::PriceBook::Build({}, {}));
  const std::string version = holder.Share()->version();
  RefreshStats stats;
  config::PricingConfig pricing;
  pricing.history_dir = dir.File("history");
  // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
  pricing.refresh.url = "http://127.0.0.1:9/prices.json";
  // The scheduled attempt never comes during the test: only RefreshOnce runs.
  PriceRefresher refresher(pricing, holder, stats, logger, std::chrono::hours(1));

  const int64_t before = base::NowUnixMs();
  EXPECT_EQ(refresher.RefreshOnce(), RefreshResult::kFailed);
  const std::optional<costgate::pricing::BookLoadAttempt> last = holder.load_log().LastAttempt();
  ASSERT_TRUE(last.has_value());
  EXPECT_GE(last->at_unix_ms, before);
  EXPECT_EQ(last->source, "refresh");
  EXPECT_EQ(last->from, "http://127.0.0.1:9/prices.json");
  EXPECT_EQ(last->result, "failed");
  EXPECT_EQ(last->error.rfind("download: ", 0), 0u) << last->error;
  EXPECT_EQ(last->version, version);
  // Nothing was published by it.
  EXPECT_FALSE(holder.load_log().LastPublished().has_value());
  EXPECT_EQ(stats.failed.load(), 1u);
}

}  // namespace
}  // namespace costgate::daemon::price_refresh
