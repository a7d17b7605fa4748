#include "tests/unit/daemon/outbox/outbox_helpers.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>

namespace costgate::daemon::outbox::testing {

filters::Receipt MakeReceipt(const std::string& event_id) {
  filters::Receipt r;
  r.event_id = event_id;
  r.start_unix_ms = 1'717'171'717'000;
  r.end_unix_ms = 1'717'171'719'500;
  r.host = "host-1";
  r.daemon_version = "0.1.0";
  r.labels = {{.source_app = "app",
               .workspace = "ws",
               .team = "team",
               .project = "proj",
               .environment = "prod",
               .pod = "pod-7"},
              /*user=*/"alice",
              /*job=*/"nightly",
              /*feature=*/"summarize"};
  r.provider = "gemini";
  r.operation = "generateContent";
  r.metered = true;
  r.model_requested = "gemini-2.0-flash";
  r.model_version = "gemini-2.0-flash-001";
  r.units.Set(filters::kUnitInputTokens, 14);
  r.units.Set(filters::kUnitOutputTokens, 51);
  r.service_tier = "standard";
  r.cost = pricing::Money::FromPico(2'345'000'000);
  r.pricing_version = "pb-0123456789abcdef";
  r.price_key = "gemini/gemini-2.0-flash-001";
  r.pricing_notes = "tier_fallback";
  r.outcome = filters::Outcome::kUpstreamError;
  r.reason = "upstream_status";
  r.http_status = 503;
  r.latency_ms = 2'500;
  r.ttfb_ms = 730;
  r.request_bytes = 1'234;
  r.response_bytes = 5'678;
  r.estimated = false;
  return r;
}

void ExpectSameReceipt(const filters::Receipt& actual, const filters::Receipt& expected) {
  EXPECT_EQ(actual.open, expected.open);
  EXPECT_EQ(actual.event_id, expected.event_id);
  EXPECT_EQ(actual.start_unix_ms, expected.start_unix_ms);
  EXPECT_EQ(actual.end_unix_ms, expected.end_unix_ms);
  EXPECT_EQ(actual.host, expected.host);
  EXPECT_EQ(actual.daemon_version, expected.daemon_version);
  EXPECT_EQ(actual.labels.source_app, expected.labels.source_app);
  EXPECT_EQ(actual.labels.workspace, expected.labels.workspace);
  EXPECT_EQ(actual.labels.team, expected.labels.team);
  EXPECT_EQ(actual.labels.project, expected.labels.project);
  EXPECT_EQ(actual.labels.environment, expected.labels.environment);
  EXPECT_EQ(actual.labels.pod, expected.labels.pod);
  EXPECT_EQ(actual.labels.user, expected.labels.user);
  EXPECT_EQ(actual.labels.job, expected.labels.job);
  EXPECT_EQ(actual.labels.feature, expected.labels.feature);
  EXPECT_EQ(actual.provider, expected.provider);
  EXPECT_EQ(actual.operation, expected.operation);
  EXPECT_EQ(actual.metered, expected.metered);
  EXPECT_EQ(actual.model_requested, expected.model_requested);
  EXPECT_EQ(actual.model_version, expected.model_version);
  EXPECT_EQ(actual.units, expected.units) << actual.units.ToJson();
  EXPECT_EQ(actual.service_tier, expected.service_tier);
  EXPECT_EQ(actual.cost, expected.cost);
  EXPECT_EQ(actual.pricing_version, expected.pricing_version);
  EXPECT_EQ(actual.price_key, expected.price_key);
  EXPECT_EQ(actual.unpriced_reason, expected.unpriced_reason);
  EXPECT_EQ(actual.pricing_notes, expected.pricing_notes);
  EXPECT_EQ(actual.outcome, expected.outcome);
  EXPECT_EQ(actual.reason, expected.reason);
  EXPECT_EQ(actual.http_status, expected.http_status);
  EXPECT_EQ(actual.latency_ms, expected.latency_ms);
  EXPECT_EQ(actual.ttfb_ms, expected.ttfb_ms);
  EXPECT_EQ(actual.request_bytes, expected.request_bytes);
  EXPECT_EQ(actual.response_bytes, expected.response_bytes);
  EXPECT_EQ(actual.estimated, expected.estimated);
}

size_t CountRows(const std::string& db_path) {
  return std::stoul(*QueryRows(db_path, "SELECT count(*) AS n FROM receipts")[0]["n"]);
}

config::ReceiptsConfig TestConfig(const std::string& path) {
  config::ReceiptsConfig config;
  config.path = path;
  config.flush_interval = std::chrono::hours(1);
  return config;
}

ScopedDiskFull::ScopedDiskFull() {
  getrlimit(RLIMIT_FSIZE, &saved_limit_);
  saved_handler_ = signal(SIGXFSZ, SIG_IGN);
  rlimit none = saved_limit_;
  none.rlim_cur = 0;
  setrlimit(RLIMIT_FSIZE, &none);
}

ScopedDiskFull::~ScopedDiskFull() {
  setrlimit(RLIMIT_FSIZE, &saved_limit_);
  signal(SIGXFSZ, saved_handler_);
}

LogPipe::LogPipe() {
  if (pipe2(fds_, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe2 failed");
  }
  fcntl(fds_[0], F_SETFL, O_NONBLOCK);
}

LogPipe::~LogPipe() {
  close(fds_[0]);
  close(fds_[1]);
}

std::string LogPipe::Read() {
  char buf[4096];
  for (ssize_t n; (n = read(fds_[0], buf, sizeof(buf))) > 0;) {
    text_.append(buf, static_cast<size_t>(n));
  }
  return text_;
}

}  // namespace costgate::daemon::outbox::testing
