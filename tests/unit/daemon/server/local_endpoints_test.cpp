// GET /readyz as a proxy answers it, from the metrics the daemon keeps over a real receipt
// writer. The worker is never started: the endpoint is answered on the caller's thread.
#include "daemon/server/local_endpoints.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "config/config.h"
#include "daemon/metrics/proxy_metrics.h"
#include "daemon/server/services.h"
#include "daemon/server/worker.h"
#include "tests/unit/daemon/outbox/outbox_helpers.h"

namespace costgate::daemon::server {
namespace {

class ReadyzTest : public outbox::testing::WriterTest {
 protected:
  ReadyzTest() { metrics_.AttachReceiptStats(&writer_.stats()); }
  ~ReadyzTest() override { metrics_.AttachReceiptStats(nullptr); }

  // The whole response to GET /readyz.
  std::string Readyz() {
    base::RequestHead head;
    head.method = "GET";
    head.target = "/readyz";
    return AnswerLocalEndpoint(head, worker_, Readiness::kOutbox, false);
  }

  metrics::ProxyMetrics metrics_{"0.1.0"};
  Services services_{.logger = logger_, .metrics = metrics_, .version = "0.1.0"};
  ConnectionSlots slots_;
  Worker worker_{services_, std::make_shared<const config::Config>(), nullptr, slots_};
};

std::string Body(const std::string& response) {
  return response.substr(response.find("\r\n\r\n") + 4);
}

TEST_F(ReadyzTest, SaysTheOutboxIsOkWhileItStoresReceipts) {
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  const std::string response = Readyz();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200 ")) << response;
  EXPECT_EQ(Body(response), R"({"status":"ready","outbox":"ok"})");
}

TEST_F(ReadyzTest, StaysReadyAndSaysTheOutboxIsFullAtItsCap) {
  config_.max_db_bytes = 1;
  ASSERT_EQ(writer_.Open(config_), std::nullopt);
  writer_.Submit(outbox::testing::MakeReceipt("a"));
  writer_.Flush();
  ASSERT_EQ(writer_.stats().full.load(), 1u);
  const std::string response = Readyz();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200 ")) << response;
  EXPECT_EQ(Body(response), R"({"status":"ready","outbox":"full"})");
}

TEST_F(ReadyzTest, SaysTheOutboxIsFailingWhileItCannotBeOpened) {
  config_.path = dir_.File("missing/r.db");
  ASSERT_TRUE(writer_.Open(config_).has_value());
  const std::string response = Readyz();
  EXPECT_TRUE(response.starts_with("HTTP/1.1 200 ")) << response;
  EXPECT_EQ(Body(response), R"({"status":"ready","outbox":"failing"})");
}

}  // namespace
}  // namespace costgate::daemon::server
