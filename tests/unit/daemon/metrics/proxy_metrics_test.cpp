#include "daemon/metrics/proxy_metrics.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>

namespace costgate::daemon::metrics {
namespace {

using std::chrono::milliseconds;

bool HasLine(const std::string& text, std::string_view line) {
  return std::string("\n").append(text).find(std::string("\n").append(line).append("\n")) !=
         std::string::npos;
}

TEST(ProxyMetrics, CountsRequestsByProviderOperationAndStatus) {
  ProxyMetrics m("0.1.0");
  m.CountRequest("gemini", "generateContent", 200);
  m.CountRequest("gemini", "generateContent", 200);
  m.CountRequest("gemini", "streamGenerateContent", 429);
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_requests_total counter"));
  EXPECT_TRUE(HasLine(
      text,
      R"(costgate_requests_total{provider="gemini",operation="generateContent",status="200"} 2)"));
  EXPECT_TRUE(HasLine(
      text,
      R"(costgate_requests_total{provider="gemini",operation="streamGenerateContent",status="429"} 1)"));
}

TEST(ProxyMetrics, ClientNamedOperationsPastTheCapCountAsOther) {
  using Name = ProxyMetrics::OperationName;
  ProxyMetrics m("0.1.0");
  for (size_t i = 0; i < ProxyMetrics::kMaxClientOperationNames; ++i) {
    m.CountRequest("gemini", "op" + std::to_string(i), 200, Name::kFromClient);
  }
  m.CountRequest("gemini", "op0", 200, Name::kFromClient);  // seen: keeps its series
  m.CountRequest("gemini", "one-too-many", 200, Name::kFromClient);
  m.CountRequest("gemini", "and-another", 200, Name::kFromClient);
  m.CountRequest("gemini", "generateContent", 200);  // known names are never capped
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(
      text, R"(costgate_requests_total{provider="gemini",operation="op0",status="200"} 2)"));
  EXPECT_TRUE(HasLine(
      text, R"(costgate_requests_total{provider="gemini",operation="other",status="200"} 2)"));
  EXPECT_EQ(text.find("one-too-many"), std::string::npos);
  EXPECT_TRUE(HasLine(
      text,
      R"(costgate_requests_total{provider="gemini",operation="generateContent",status="200"} 1)"));
}

TEST(ProxyMetrics, ReportsAMissingProviderAsNone) {
  ProxyMetrics m("0.1.0");
  m.CountRequest("", "metrics", 200);
  m.AddRequestBytes("", 5);
  EXPECT_TRUE(
      HasLine(m.Render(),
              R"(costgate_requests_total{provider="none",operation="metrics",status="200"} 1)"));
  EXPECT_TRUE(HasLine(m.Render(), R"(costgate_request_bytes_total{provider="none"} 5)"));
}

TEST(ProxyMetrics, ObservesUpstreamLatencyInSeconds) {
  ProxyMetrics m("0.1.0");
  m.ObserveUpstreamLatency("gemini", milliseconds(30));
  m.ObserveUpstreamLatency("gemini", std::chrono::seconds(90));
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_upstream_latency_seconds histogram"));
  EXPECT_TRUE(
      HasLine(text, R"(costgate_upstream_latency_seconds_bucket{provider="gemini",le="0.025"} 0)"));
  EXPECT_TRUE(
      HasLine(text, R"(costgate_upstream_latency_seconds_bucket{provider="gemini",le="0.05"} 1)"));
  EXPECT_TRUE(
      HasLine(text, R"(costgate_upstream_latency_seconds_bucket{provider="gemini",le="60"} 1)"));
  EXPECT_TRUE(
      HasLine(text, R"(costgate_upstream_latency_seconds_bucket{provider="gemini",le="120"} 2)"));
  EXPECT_TRUE(
      HasLine(text, R"(costgate_upstream_latency_seconds_bucket{provider="gemini",le="+Inf"} 2)"));
  EXPECT_TRUE(HasLine(text, R"(costgate_upstream_latency_seconds_sum{provider="gemini"} 90.03)"));
  EXPECT_TRUE(HasLine(text, R"(costgate_upstream_latency_seconds_count{provider="gemini"} 2)"));
}

TEST(ProxyMetrics, AddsRequestAndResponseBytes) {
  ProxyMetrics m("0.1.0");
  m.AddRequestBytes("gemini", 100);
  m.AddRequestBytes("gemini", 20);
  m.AddResponseBytes("gemini", 4096);
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, R"(costgate_request_bytes_total{provider="gemini"} 120)"));
  EXPECT_TRUE(HasLine(text, R"(costgate_response_bytes_total{provider="gemini"} 4096)"));
}

TEST(ProxyMetrics, CountsLocalRepliesAndUpstreamErrorsByReason) {
  ProxyMetrics m("0.1.0");
  m.CountLocalReply("no_route");
  m.CountLocalReply("no_route");
  m.CountUpstreamError("gemini", "connect_timeout");
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, R"(costgate_local_replies_total{reason="no_route"} 2)"));
  EXPECT_TRUE(HasLine(
      text, R"(costgate_upstream_errors_total{provider="gemini",reason="connect_timeout"} 1)"));
}

TEST(ProxyMetrics, TracksOpenConnectionsAndRequestsInFlight) {
  ProxyMetrics m("0.1.0");
  m.ConnectionOpened();
  m.ConnectionOpened();
  m.ConnectionClosed();
  m.RequestStarted();
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_open_connections gauge"));
  EXPECT_TRUE(HasLine(text, "costgate_open_connections 1"));
  EXPECT_TRUE(HasLine(text, "costgate_requests_in_flight 1"));
}

TEST(ProxyMetrics, ReportsReceiptStatsAsZeroUntilAttached) {
  ProxyMetrics m("0.1.0");
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "costgate_receipts_written_total 0"));
  EXPECT_TRUE(HasLine(text, "costgate_receipts_queue_depth 0"));
}

TEST(ProxyMetrics, ReadsReceiptStatsAtRenderTime) {
  ProxyMetrics m("0.1.0");
  outbox::ReceiptStats stats;
  m.AttachReceiptStats(&stats);
  stats.written = 10;
  stats.dropped = 2;
  stats.write_errors = 1;
  stats.queue_depth = 3;
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_receipts_written_total counter"));
  EXPECT_TRUE(HasLine(text, "costgate_receipts_written_total 10"));
  EXPECT_TRUE(HasLine(text, "costgate_receipts_dropped_total 2"));
  EXPECT_TRUE(HasLine(text, "costgate_receipts_write_errors_total 1"));
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_receipts_queue_depth gauge"));
  EXPECT_TRUE(HasLine(text, "costgate_receipts_queue_depth 3"));
  m.AttachReceiptStats(nullptr);
}

TEST(ProxyMetrics, ReadsTheOutboxCapAndRetentionStatsAtRenderTime) {
  ProxyMetrics m("0.1.0");
  outbox::ReceiptStats stats;
  m.AttachReceiptStats(&stats);
  stats.full = 1;
  stats.dropped_full = 17;
  stats.deleted = 2048;
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_receipts_outbox_full gauge"));
  EXPECT_TRUE(HasLine(text, "costgate_receipts_outbox_full 1"));
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_receipts_dropped_full_total counter"));
  EXPECT_TRUE(HasLine(text, "costgate_receipts_dropped_full_total 17"));
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_receipts_deleted_total counter"));
  EXPECT_TRUE(HasLine(text, "costgate_receipts_deleted_total 2048"));
  m.AttachReceiptStats(nullptr);
}

TEST(ProxyMetrics, OutboxFullFollowsTheAttachedStats) {
  ProxyMetrics m("0.1.0");
  EXPECT_FALSE(m.OutboxFull());
  outbox::ReceiptStats stats;
  m.AttachReceiptStats(&stats);
  EXPECT_FALSE(m.OutboxFull());
  stats.full = 1;
  EXPECT_TRUE(m.OutboxFull());
  m.AttachReceiptStats(nullptr);
}

TEST(ProxyMetrics, ReportsShipperStatsAsZeroUntilAttached) {
  ProxyMetrics m("0.1.0");
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "costgate_shipper_backlog 0"));
  EXPECT_TRUE(HasLine(text, R"(costgate_shipper_batches_total{result="sent"} 0)"));
}

TEST(ProxyMetrics, ReadsTheShippersBacklogAndLastAnswerAtRenderTime) {
  ProxyMetrics m("0.1.0");
  shipper::ShipperStats stats;
  m.AttachShipperStats(&stats);
  stats.backlog = 42;
  stats.oldest_unshipped_age_ms = 90'500;
  stats.last_status = 503;
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_shipper_backlog gauge"));
  EXPECT_TRUE(HasLine(text, "costgate_shipper_backlog 42"));
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_shipper_oldest_unshipped_seconds gauge"));
  EXPECT_TRUE(HasLine(text, "costgate_shipper_oldest_unshipped_seconds 90.5"));
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_shipper_last_status gauge"));
  EXPECT_TRUE(HasLine(text, "costgate_shipper_last_status 503"));
  m.AttachShipperStats(nullptr);
}

TEST(ProxyMetrics, CountsShippedBatchesAndEventsByResult) {
  ProxyMetrics m("0.1.0");
  shipper::ShipperStats stats;
  m.AttachShipperStats(&stats);
  stats.batches_sent = 7;
  stats.batches_failed = 3;
  stats.events_stored = 120;
  stats.events_duplicate = 4;
  stats.events_rejected = 2;
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_shipper_batches_total counter"));
  EXPECT_TRUE(HasLine(text, R"(costgate_shipper_batches_total{result="sent"} 7)"));
  EXPECT_TRUE(HasLine(text, R"(costgate_shipper_batches_total{result="failed"} 3)"));
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_shipper_events_total counter"));
  EXPECT_TRUE(HasLine(text, R"(costgate_shipper_events_total{result="stored"} 120)"));
  EXPECT_TRUE(HasLine(text, R"(costgate_shipper_events_total{result="duplicate"} 4)"));
  EXPECT_TRUE(HasLine(text, R"(costgate_shipper_events_total{result="rejected"} 2)"));
  m.AttachShipperStats(nullptr);
}

TEST(ProxyMetrics, PublishesBuildInfo) {
  ProxyMetrics m("1.2.3");
  const std::string text = m.Render();
  EXPECT_TRUE(HasLine(text, "# TYPE costgate_build_info gauge"));
  EXPECT_TRUE(HasLine(text, R"(costgate_build_info{version="1.2.3"} 1)"));
}

TEST(ProxyMetrics, IncludesSeriesRegisteredByCallback) {
  ProxyMetrics m("0.1.0");
  m.registry().AddCallback(MetricType::kCounter, "costgate_meter_malformed_units_total",
                           "Stream units skipped.", [] { return 4.0; });
  EXPECT_TRUE(HasLine(m.Render(), "costgate_meter_malformed_units_total 4"));
}

}  // namespace
}  // namespace costgate::daemon::metrics
