// The receipts database on a full filesystem (a small tmpfs): the proxy keeps serving, says so on
// /readyz and /metrics, and the receipts land without a restart once space is freed.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <fstream>

#include "tests/integration/shipping_helpers.h"

namespace costgate::integration {
namespace {

// A 4 MiB tmpfs mounted for the test's lifetime (needs CAP_SYS_ADMIN: root on the CI machine).
class SmallTmpfs {
 public:
  SmallTmpfs() { mounted_ = ::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, "size=4m") == 0; }
  ~SmallTmpfs() {
    if (mounted_) {
      ::umount2(dir_.path().c_str(), MNT_DETACH);
    }
  }
  bool mounted() const { return mounted_; }
  const std::filesystem::path& path() const { return dir_.path(); }

 private:
  TempDir dir_;
  bool mounted_ = false;
};

// Writes zeros into `path` until the filesystem refuses more.
void FillUp(const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  const std::string block(64 * 1024, '\0');
  while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    out.flush();
  }
}

class OutboxFullDiskTest : public IntegrationTest {
 protected:
  CostgateProcess& StartDaemon() override {
    if (!tmpfs_.mounted()) {
      throw std::runtime_error("cannot mount a tmpfs (not root?)");
    }
    DaemonSettings settings = MockUpstreamSettings();
    settings.receipts_path = tmpfs_.path() / "receipts.db";
    if (std::string_view(::testing::UnitTest::GetInstance()->current_test_info()->name())
            .starts_with("FailClosed")) {
      settings.receipts_yaml = "  fail_closed: true\n";
    }
    proxy_ = std::make_unique<DaemonUnderTest>(settings);
    return *proxy_->daemon;
  }
  void SetUp() override {
    if (!tmpfs_.mounted()) {
      GTEST_SKIP() << "mounting a tmpfs needs CAP_SYS_ADMIN (run the suite as root)";
    }
    IntegrationTest::SetUp();
  }

  SmallTmpfs tmpfs_;
  std::unique_ptr<DaemonUnderTest> proxy_;
};

TEST_F(OutboxFullDiskTest, ProxyKeepsServingAndReceiptsLandOnceSpaceIsFreed) {
  const std::vector<std::string> before = SendMeteredCalls(daemon(), 2, "before-full");
  ASSERT_TRUE(daemon().receipts().WaitForReceipt(before.back(), kWait).has_value());
  const std::filesystem::path filler = tmpfs_.path() / "filler";
  FillUp(filler);

  const std::vector<std::string> during = SendMeteredCalls(daemon(), 40, "during-full");
  const auto deadline = Clock::now() + kShipWait;
  while (MetricValue(daemon(), "costgate_receipts_outbox_failing") != 1 &&
         Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, bounded above
  }
  EXPECT_EQ(MetricValue(daemon(), "costgate_receipts_outbox_failing"), 1);
  HttpRequest ready;
  ready.url = daemon().Url("/readyz");
  const HttpResponse readyz = Http(ready);
  EXPECT_EQ(readyz.status, 200);
  EXPECT_NE(readyz.body.find("\"outbox\":\"failing\""), std::string::npos) << readyz.body;
  EXPECT_FALSE(daemon().LogLines("receipt commit failed; will retry").empty()) << daemon().Log();

  std::filesystem::remove(filler);
  for (const std::string& id : during) {
    EXPECT_TRUE(daemon().receipts().WaitForReceipt(id, kShipWait).has_value()) << id;
  }
  EXPECT_EQ(MetricValue(daemon(), "costgate_receipts_outbox_failing"), 0);
}

TEST_F(OutboxFullDiskTest, FailClosedRefusesCallsWhileReceiptsCannotBeStoredThenServesAgain) {
  const GeminiFixture fixture = LoadFixture("ddtrace-gemini-2.0-flash-generateContent-gzip");
  const std::vector<std::string> before = SendMeteredCalls(daemon(), 1, "closed-before");
  ASSERT_TRUE(daemon().receipts().WaitForReceipt(before.back(), kWait).has_value());
  const std::filesystem::path filler = tmpfs_.path() / "filler";
  FillUp(filler);
  // Calls pass until a commit has failed; from then on the proxy refuses them.
  HttpClient client;
  HttpResponse refused;
  const auto deadline = Clock::now() + kShipWait;
  while (refused.status != 503 && Clock::now() < deadline) {
    refused = client.Perform(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("closed")));
  }
  ASSERT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.Header("x-costgate-reason"), "outbox_unavailable");
  EXPECT_TRUE(JsonString(refused.body, "/error/message").has_value()) << refused.body;

  std::filesystem::remove(filler);
  HttpResponse served;
  const auto recovered = Clock::now() + kShipWait;
  while (served.status != 200 && Clock::now() < recovered) {
    served = client.Perform(FixtureRequest(daemon(), fixture, "/gemini", UniqueToken("open")));
  }
  EXPECT_EQ(served.status, 200) << served.body;
}

}  // namespace
}  // namespace costgate::integration
