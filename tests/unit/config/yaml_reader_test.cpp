// Each setting read from YAML, and each way a document is rejected, with its path.
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

TEST(YamlListen, ReadsEveryKey) {
  Config config = LoadAccepted(R"(
listen:
  address: 0.0.0.0
  port: 9000
  threads: 4
)");
  EXPECT_EQ(config.listen.address, "0.0.0.0");
  EXPECT_EQ(config.listen.port, 9000);
  EXPECT_EQ(config.listen.threads, 4);
}

TEST(YamlListen, AcceptsIpv6LiteralAndLocalhost) {
  EXPECT_EQ(LoadAccepted("listen: {address: '::1'}").listen.address, "::1");
  EXPECT_EQ(LoadAccepted("listen: {address: localhost}").listen.address, "localhost");
}

TEST(YamlListen, RejectsHostNameAddress) {
  std::vector<ConfigError> errors = LoadRejected("listen: {address: example.com}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "listen.address");
  EXPECT_EQ(errors[0].message,
            "expected an IPv4 or IPv6 literal or 'localhost', got 'example.com'");
}

TEST(YamlListen, AcceptsPortZeroForAnEphemeralPort) {
  EXPECT_EQ(LoadAccepted("listen: {port: 0}").listen.port, 0);
}

TEST(YamlListen, RejectsNonIntegerPort) {
  std::vector<ConfigError> errors = LoadRejected("listen: {port: abc}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "listen.port");
  EXPECT_EQ(errors[0].message, "expected an integer 0..65535, got 'abc'");
}

TEST(YamlListen, RejectsPortAbove65535) {
  std::vector<ConfigError> errors = LoadRejected("listen: {port: 65536}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "expected an integer 0..65535, got '65536'");
}

TEST(YamlListen, RejectsNegativeAndSignedIntegers) {
  EXPECT_EQ(PathsOf(LoadRejected("listen: {port: -1}")), (Paths{"listen.port"}));
  EXPECT_EQ(PathsOf(LoadRejected("listen: {port: +80}")), (Paths{"listen.port"}));
  EXPECT_EQ(PathsOf(LoadRejected("listen: {port: 80.5}")), (Paths{"listen.port"}));
}

TEST(YamlListen, RejectsMoreThan256Threads) {
  EXPECT_EQ(LoadAccepted("listen: {threads: 256}").listen.threads, 256);
  std::vector<ConfigError> errors = LoadRejected("listen: {threads: 257}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "listen.threads");
  EXPECT_EQ(errors[0].message, "expected an integer 0..256, got '257'");
}

TEST(YamlLimits, ReadsEveryKey) {
  Config config = LoadAccepted(R"(
limits:
  max_header_bytes: 8192
  max_header_count: 50
  max_request_body_bytes: 10000000000
  max_metered_event_bytes: 2048
)");
  EXPECT_EQ(config.limits.max_header_bytes, 8192u);
  EXPECT_EQ(config.limits.max_header_count, 50u);
  EXPECT_EQ(config.limits.max_request_body_bytes, 10'000'000'000u);
  EXPECT_EQ(config.limits.max_metered_event_bytes, 2048u);
}

TEST(YamlLimits, RejectsZeroForEveryLimit) {
  std::vector<ConfigError> errors = LoadRejected(R"(
limits:
  max_header_bytes: 0
  max_header_count: 0
  max_request_body_bytes: 0
  max_metered_event_bytes: 0
)");
  EXPECT_EQ(PathsOf(errors),
            (Paths{"limits.max_header_bytes", "limits.max_header_count",
                   "limits.max_request_body_bytes", "limits.max_metered_event_bytes"}));
  EXPECT_EQ(errors[0].message, "expected an integer 1..4294967295, got '0'");
}

TEST(YamlLimits, RejectsValueBeyond32Bits) {
  std::vector<ConfigError> errors = LoadRejected("limits: {max_header_count: 4294967296}");
  EXPECT_EQ(PathsOf(errors), (Paths{"limits.max_header_count"}));
}

TEST(YamlTimeouts, ReadsEveryKeyAsMilliseconds) {
  Config config = LoadAccepted(R"(
timeouts:
  header_read_ms: 1
  idle_keepalive_ms: 2
  upstream_connect_ms: 3
  upstream_response_ms: 4
  client_write_ms: 5
  drain_ms: 6
)");
  EXPECT_EQ(config.timeouts.header_read, Millis(1));
  EXPECT_EQ(config.timeouts.idle_keepalive, Millis(2));
  EXPECT_EQ(config.timeouts.upstream_connect, Millis(3));
  EXPECT_EQ(config.timeouts.upstream_response, Millis(4));
  EXPECT_EQ(config.timeouts.client_write, Millis(5));
  EXPECT_EQ(config.timeouts.drain, Millis(6));
}

TEST(YamlTimeouts, RejectsZero) {
  std::vector<ConfigError> errors = LoadRejected("timeouts: {drain_ms: 0}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "timeouts.drain_ms");
  EXPECT_EQ(errors[0].message, "expected an integer 1..86400000, got '0'");
}

TEST(YamlTimeouts, RejectsMoreThanADay) {
  EXPECT_EQ(PathsOf(LoadRejected("timeouts: {upstream_response_ms: 86400001}")),
            (Paths{"timeouts.upstream_response_ms"}));
}

TEST(YamlLabels, ReadsEveryKey) {
  Config config = LoadAccepted(R"(
labels:
  source_app: checkout
  workspace: acme
  team: payments
  project: p-42
  environment: prod
  pod: checkout-7d9f
)");
  EXPECT_EQ(config.labels.source_app, "checkout");
  EXPECT_EQ(config.labels.workspace, "acme");
  EXPECT_EQ(config.labels.team, "payments");
  EXPECT_EQ(config.labels.project, "p-42");
  EXPECT_EQ(config.labels.environment, "prod");
  EXPECT_EQ(config.labels.pod, "checkout-7d9f");
}

TEST(YamlLabels, KeepsNumbersAsTextAndNullAsEmpty) {
  Config config = LoadAccepted("labels: {project: 0042, team: ~, pod: }");
  EXPECT_EQ(config.labels.project, "0042");
  EXPECT_EQ(config.labels.team, "");
  EXPECT_EQ(config.labels.pod, "");
}

TEST(YamlReceipts, ReadsEveryKey) {
  Config config = LoadAccepted(R"(
receipts:
  path: /var/lib/costgate/receipts.db
  synchronous: full
  batch_max: 10
  flush_interval_ms: 250
  queue_max: 500
)");
  EXPECT_EQ(config.receipts.path, "/var/lib/costgate/receipts.db");
  EXPECT_EQ(config.receipts.synchronous, SqliteSynchronous::kFull);
  EXPECT_EQ(config.receipts.batch_max, 10u);
  EXPECT_EQ(config.receipts.flush_interval, Millis(250));
  EXPECT_EQ(config.receipts.queue_max, 500u);
}

TEST(YamlReceipts, ReadsEachSynchronousMode) {
  EXPECT_EQ(LoadAccepted("receipts: {synchronous: 'off'}").receipts.synchronous,
            SqliteSynchronous::kOff);
  EXPECT_EQ(LoadAccepted("receipts: {synchronous: normal}").receipts.synchronous,
            SqliteSynchronous::kNormal);
  EXPECT_EQ(LoadAccepted("receipts: {synchronous: full}").receipts.synchronous,
            SqliteSynchronous::kFull);
}

TEST(YamlReceipts, RejectsUnknownSynchronousMode) {
  std::vector<ConfigError> errors = LoadRejected("receipts: {synchronous: extra}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "receipts.synchronous");
  EXPECT_EQ(errors[0].message, "expected one of off, normal, full, got 'extra'");
}

TEST(YamlReceipts, RejectsZeroBatchAndQueue) {
  EXPECT_EQ(PathsOf(LoadRejected("receipts: {batch_max: 0, queue_max: 0}")),
            (Paths{"receipts.batch_max", "receipts.queue_max"}));
}

TEST(YamlReceipts, RejectsEmptyPath) {
  std::vector<ConfigError> errors = LoadRejected("receipts: {path: ''}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "receipts.path");
  EXPECT_EQ(errors[0].message, "expected a file path, got an empty value");
}

TEST(YamlLog, ReadsEachLevel) {
  EXPECT_EQ(LoadAccepted("log: {level: debug}").log.level, LogLevel::kDebug);
  EXPECT_EQ(LoadAccepted("log: {level: info}").log.level, LogLevel::kInfo);
  EXPECT_EQ(LoadAccepted("log: {level: warn}").log.level, LogLevel::kWarn);
  EXPECT_EQ(LoadAccepted("log: {level: error}").log.level, LogLevel::kError);
}

TEST(YamlLog, RejectsUnknownLevel) {
  std::vector<ConfigError> errors = LoadRejected("log: {level: verbose}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "log.level");
  EXPECT_EQ(errors[0].message, "expected one of debug, info, warn, error, got 'verbose'");
}

TEST(YamlLog, ReadsAccessLogFlag) {
  EXPECT_FALSE(LoadAccepted("log: {access_log: false}").log.access_log);
  EXPECT_TRUE(LoadAccepted("log: {access_log: true}").log.access_log);
}

TEST(YamlLog, RejectsNonBooleanAccessLog) {
  std::vector<ConfigError> errors = LoadRejected("log: {access_log: maybe}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "log.access_log");
  EXPECT_EQ(errors[0].message, "expected true or false, got 'maybe'");
}

TEST(YamlStrictness, RejectsUnknownTopLevelKey) {
  std::vector<ConfigError> errors = LoadRejected("listn: {port: 1}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "listn");
  EXPECT_EQ(errors[0].message,
            "unknown key; known keys: listen, limits, timeouts, labels, receipts, log, pricing, "
            "shipper, preflight, central, upstreams, alerts");
}

TEST(YamlStrictness, RejectsUnknownSectionKey) {
  std::vector<ConfigError> errors = LoadRejected("timeouts: {drain_msx: 5}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "timeouts.drain_msx");
  EXPECT_EQ(errors[0].message,
            "unknown key; known keys: header_read_ms, idle_keepalive_ms, upstream_connect_ms, "
            "upstream_response_ms, client_write_ms, request_body_ms, drain_ms");
}

TEST(YamlStrictness, RejectsUnknownUpstreamKey) {
  std::vector<ConfigError> errors = LoadRejected("upstreams: {gemini: {timeout_ms: 5}}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "upstreams.gemini.timeout_ms");
  EXPECT_EQ(errors[0].message,
            "unknown key; known keys: url, ca_file, max_idle_connections, idle_timeout_ms");
}

TEST(YamlStrictness, RejectsDuplicateKey) {
  std::vector<ConfigError> errors = LoadRejected("listen:\n  port: 1\n  port: 2\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "listen.port");
  EXPECT_EQ(errors[0].message, "duplicate key");
}

TEST(YamlStrictness, RejectsSectionThatIsNotAMap) {
  std::vector<ConfigError> errors = LoadRejected("listen: 8787");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "listen");
  EXPECT_EQ(errors[0].message, "expected a map, got '8787'");
}

TEST(YamlStrictness, RejectsMapWhereAValueBelongs) {
  std::vector<ConfigError> errors = LoadRejected("listen: {port: {number: 1}}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "listen.port");
  EXPECT_EQ(errors[0].message, "expected a single value, got a map");
}

TEST(YamlStrictness, RejectsNullWhereANumberBelongs) {
  std::vector<ConfigError> errors = LoadRejected("listen:\n  port:\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "listen.port");
  EXPECT_EQ(errors[0].message, "expected an integer 0..65535, got an empty value");
}

TEST(YamlStrictness, RejectsTopLevelScalar) {
  std::vector<ConfigError> errors = LoadRejected("just text");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "");
  EXPECT_EQ(errors[0].message, "expected a map of sections at the top level, got 'just text'");
}

TEST(YamlStrictness, RejectsTopLevelList) {
  std::vector<ConfigError> errors = LoadRejected("- listen\n- log\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "");
  EXPECT_EQ(errors[0].message, "expected a map of sections at the top level, got a list");
}

TEST(YamlStrictness, ReportsSyntaxErrorWithLineAndColumn) {
  std::vector<ConfigError> errors = LoadRejected("listen:\n  port: [1\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "");
  EXPECT_EQ(errors[0].message,
            "YAML syntax error at line 3, column 1: end of sequence flow not found");
}

TEST(YamlStrictness, RejectsSeveralDocuments) {
  std::vector<ConfigError> errors = LoadRejected("listen: {port: 1}\n---\nlog: {level: info}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "");
  EXPECT_EQ(errors[0].message, "expected one YAML document, got 2");
}

TEST(YamlStrictness, ReportsEveryErrorAtOnce) {
  std::vector<ConfigError> errors = LoadRejected(R"(
listen:
  port: abc
  colour: blue
timeouts:
  drain_ms: 0
upstreams:
  openai: {url: https://api.openai.com}
  gemini: {url: http://insecure.example}
receipts:
  synchronous: sometimes
extra: 1
)");
  EXPECT_EQ(PathsOf(errors),
            (Paths{"listen.port", "listen.colour", "timeouts.drain_ms", "upstreams.openai",
                   "upstreams.gemini.url", "receipts.synchronous", "extra"}));
}

}  // namespace
}  // namespace costgate::config
