// receipts (retention, size cap, fail-closed), shipper and central: where receipts go after the
// outbox.
#include <gtest/gtest.h>

#include <string>

#include "config/config_loader.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

TEST(YamlDelivery, DefaultsKeepAWeekCapAGibibyteAndShipNothing) {
  const Config config = DefaultConfig();
  EXPECT_EQ(config.receipts.retention, Millis(7 * 86'400'000LL));
  EXPECT_EQ(config.receipts.max_db_bytes, 1024ULL * 1024 * 1024);
  EXPECT_FALSE(config.receipts.fail_closed);
  EXPECT_EQ(config.shipper.url, "");
  EXPECT_TRUE(config.shipper.gzip);
  EXPECT_EQ(config.shipper.batch_max, 500u);
  EXPECT_EQ(config.central.listen.address, "127.0.0.1");
  EXPECT_EQ(config.central.listen.port, 8788);
  EXPECT_EQ(config.central.store,
            (StoreLocation{StoreLocation::Kind::kSqlite, "costgate-central.db"}));
  EXPECT_EQ(config.central.max_batch_events, 5'000u);
}

TEST(YamlDelivery, ReadsEveryShipperAndCentralKey) {
  const Config config = LoadAccepted(R"(
receipts: {retention_ms: 3600000, max_db_bytes: 0, fail_closed: true}
shipper:
  url: https://central.internal:8443/cost-tracker/
  api_key_file: /run/secrets/costgate-key
  ca_file: /etc/costgate/central-ca.pem
  batch_max: 2000
  batch_age_ms: 250
  timeout_ms: 3000
  backoff_first_ms: 200
  backoff_max_ms: 30000
  gzip: false
central:
  listen: {address: 0.0.0.0, port: 9000, threads: 4}
  database: /var/lib/costgate/central.db
  synchronous: full
  max_batch_events: 10000
  max_body_bytes: 1048576
)");
  EXPECT_EQ(config.receipts.retention, Millis(3'600'000));
  EXPECT_EQ(config.receipts.max_db_bytes, 0u);
  EXPECT_TRUE(config.receipts.fail_closed);
  // The trailing slash goes: the shipper appends /v1/usage/batch.
  EXPECT_EQ(config.shipper.url, "https://central.internal:8443/cost-tracker");
  EXPECT_EQ(config.shipper.api_key_file, "/run/secrets/costgate-key");
  EXPECT_EQ(config.shipper.ca_file, "/etc/costgate/central-ca.pem");
  EXPECT_EQ(config.shipper.batch_max, 2000u);
  EXPECT_EQ(config.shipper.batch_age, Millis(250));
  EXPECT_EQ(config.shipper.timeout, Millis(3000));
  EXPECT_EQ(config.shipper.backoff_first, Millis(200));
  EXPECT_EQ(config.shipper.backoff_max, Millis(30'000));
  EXPECT_FALSE(config.shipper.gzip);
  EXPECT_EQ(config.central.listen.address, "0.0.0.0");
  EXPECT_EQ(config.central.listen.port, 9000);
  EXPECT_EQ(config.central.listen.threads, 4);
  EXPECT_EQ(config.central.store,
            (StoreLocation{StoreLocation::Kind::kSqlite, "/var/lib/costgate/central.db"}));
  EXPECT_EQ(config.central.synchronous, SqliteSynchronous::kFull);
  EXPECT_EQ(config.central.max_batch_events, 10'000u);
  EXPECT_EQ(config.central.max_body_bytes, 1'048'576u);
}

// Empty: the dashboard built beside the binary, found at start (daemon/roles/dashboard_dir.h).
TEST(YamlDelivery, CentralStaticDirIsEmptyByDefault) {
  EXPECT_EQ(DefaultConfig().central.static_dir, "");
}

TEST(YamlDelivery, ReadsCentralStaticDir) {
  const Config config = LoadAccepted("central:\n  static_dir: /srv/costgate/dashboard\n");
  EXPECT_EQ(config.central.static_dir, "/srv/costgate/dashboard");
  EXPECT_EQ(LoadAccepted("central:\n  static_dir: \"off\"\n").central.static_dir, "off");
  EXPECT_EQ(LoadAccepted("central:\n  static_dir: off\n").central.static_dir, "off");
}

TEST(YamlDelivery, CentralStaticDirMustBeText) {
  EXPECT_EQ(PathsOf(LoadRejected("central:\n  static_dir: [a, b]\n")), Paths{"central.static_dir"});
}

TEST(YamlDelivery, CentralReadsOnTwoThreadsByDefault) {
  EXPECT_EQ(DefaultConfig().central.read_threads, 2u);
}

TEST(YamlDelivery, ReadsCentralReadThreadsFromZeroToSixteen) {
  EXPECT_EQ(LoadAccepted("central:\n  read_threads: 0\n").central.read_threads, 0u);
  EXPECT_EQ(LoadAccepted("central:\n  read_threads: 16\n").central.read_threads, 16u);
  EXPECT_EQ(PathsOf(LoadRejected("central:\n  read_threads: 17\n")), Paths{"central.read_threads"});
  EXPECT_EQ(PathsOf(LoadRejected("central:\n  read_threads: -1\n")), Paths{"central.read_threads"});
}

TEST(YamlDelivery, CentralTimeZoneIsAnIanaNameUtcByDefault) {
  EXPECT_EQ(DefaultConfig().central.time_zone, "UTC");
  EXPECT_EQ(LoadAccepted("central:\n  time_zone: Europe/Berlin\n").central.time_zone,
            "Europe/Berlin");
  EXPECT_EQ(LoadAccepted("central:\n  time_zone: Etc/GMT+5\n").central.time_zone, "Etc/GMT+5");
  for (const char* bad : {"\"\"", "/etc/passwd", "Europe/../x", "Europe Berlin"}) {
    EXPECT_EQ(PathsOf(LoadRejected(std::string("central:\n  time_zone: ") + bad + "\n")),
              Paths{"central.time_zone"})
        << bad;
  }
}

TEST(YamlDelivery, SizeCapBelowOneMebibyteIsRejected) {
  EXPECT_EQ(PathsOf(LoadRejected("receipts: {max_db_bytes: 4096}")),
            Paths{"receipts.max_db_bytes"});
}

TEST(YamlDelivery, ShipperUrlMustBeHttpOrHttps) {
  EXPECT_EQ(PathsOf(LoadRejected("shipper: {url: 'ftp://central'}")), Paths{"shipper.url"});
}

TEST(YamlDelivery, ShipperBatchOverTenThousandIsRejected) {
  EXPECT_EQ(PathsOf(LoadRejected("shipper: {batch_max: 10001}")), Paths{"shipper.batch_max"});
}

TEST(YamlDelivery, CentralListenAddressFollowsTheProxyRules) {
  EXPECT_EQ(PathsOf(LoadRejected("central: {listen: {address: central.example.com}}")),
            Paths{"central.listen.address"});
}

TEST(YamlDelivery, EnvironmentSetsShipperAndCentral) {
  const Config config = LoadAccepted("", {{"COSTGATE_SHIPPER_URL", "http://127.0.0.1:8788/"},
                                          {"COSTGATE_SHIPPER_API_KEY", "ct_live_x"},
                                          {"COSTGATE_RECEIPTS_FAIL_CLOSED", "true"},
                                          {"COSTGATE_CENTRAL_DATABASE", "/data/central.db"},
                                          {"COSTGATE_CENTRAL_LISTEN_PORT", "0"}});
  EXPECT_EQ(config.shipper.url, "http://127.0.0.1:8788");
  EXPECT_EQ(config.shipper.api_key, "ct_live_x");
  EXPECT_TRUE(config.receipts.fail_closed);
  EXPECT_EQ(config.central.store,
            (StoreLocation{StoreLocation::Kind::kSqlite, "/data/central.db"}));
  EXPECT_EQ(config.central.listen.port, 0);
}

}  // namespace
}  // namespace costgate::config
