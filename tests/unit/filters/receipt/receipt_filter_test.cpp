#include "filters/receipt/receipt_filter.h"

#include <gtest/gtest.h>

#include "tests/unit/filters/collecting_receipt_sink.h"

namespace costgate::filters {
namespace {

// An exchange with a distinct value in every field a receipt copies.
Exchange CompletedExchange() {
  Exchange x;
  x.event_id = "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70";
  x.start_unix_ms = 1'750'000'000'000;
  x.end_unix_ms = 1'750'000'001'234;
  x.labels = {{.source_app = "app",
               .workspace = "ws",
               .team = "team",
               .project = "proj",
               .environment = "env",
               .pod = "pod"},
              /*user=*/"alice",
              /*job=*/"job",
              /*feature=*/"feature"};
  x.provider = "gemini";
  x.operation = "streamGenerateContent";
  x.metering = Metering::kMetered;
  x.model_requested = "gemini-flash-latest";
  x.model_version = "gemini-3.6-flash";
  x.units.Set(kUnitInputTokens, 14);
  x.units.Set(kUnitOutputTokens, 51);
  x.service_tier = "flex";
  x.cost = pricing::Money::FromPico(1234);
  x.pricing_version = "pv-1";
  x.price_key = "gemini/gemini-3.6-flash";
  x.outcome = Outcome::kCancelled;
  x.reason = "client_disconnected";
  x.http_status = 200;
  x.latency_ms = 1234;
  x.ttfb_ms = 380;
  x.request_bytes = 103;
  x.response_bytes = 1810;
  x.estimated = true;
  x.pricing_notes = "model_fallback,tier_fallback";
  return x;
}

const ReceiptOrigin kOrigin{.host = "host-1", .daemon_version = "0.1.0"};

TEST(BuildReceiptTest, CopiesEveryField) {
  const Receipt r = BuildReceipt(CompletedExchange(), kOrigin);
  EXPECT_EQ(r.event_id, "0190a6e4-7b1c-7cc3-9a4e-3f1d2c5b6a70");
  EXPECT_EQ(r.start_unix_ms, 1'750'000'000'000);
  EXPECT_EQ(r.end_unix_ms, 1'750'000'001'234);
  EXPECT_EQ(r.host, "host-1");
  EXPECT_EQ(r.daemon_version, "0.1.0");
  EXPECT_EQ(r.labels.source_app, "app");
  EXPECT_EQ(r.labels.workspace, "ws");
  EXPECT_EQ(r.labels.team, "team");
  EXPECT_EQ(r.labels.project, "proj");
  EXPECT_EQ(r.labels.environment, "env");
  EXPECT_EQ(r.labels.pod, "pod");
  EXPECT_EQ(r.labels.user, "alice");
  EXPECT_EQ(r.labels.job, "job");
  EXPECT_EQ(r.labels.feature, "feature");
  EXPECT_EQ(r.provider, "gemini");
  EXPECT_EQ(r.operation, "streamGenerateContent");
  EXPECT_TRUE(r.metered);
  EXPECT_EQ(r.model_requested, "gemini-flash-latest");
  EXPECT_EQ(r.model_version, "gemini-3.6-flash");
  EXPECT_EQ(r.units.ToJson(), R"({"input_tokens":14,"output_tokens":51})");
  EXPECT_EQ(r.service_tier, "flex");
  EXPECT_EQ(r.cost, pricing::Money::FromPico(1234));
  EXPECT_EQ(r.pricing_version, "pv-1");
  EXPECT_EQ(r.price_key, "gemini/gemini-3.6-flash");
  EXPECT_EQ(r.unpriced_reason, "");
  EXPECT_EQ(r.pricing_notes, "model_fallback,tier_fallback");
  EXPECT_EQ(r.outcome, Outcome::kCancelled);
  EXPECT_EQ(r.reason, "client_disconnected");
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.latency_ms, 1234);
  EXPECT_EQ(r.ttfb_ms, 380);
  EXPECT_EQ(r.request_bytes, 103u);
  EXPECT_EQ(r.response_bytes, 1810u);
  EXPECT_TRUE(r.estimated);
}

TEST(BuildReceiptTest, UnmeteredOperationIsNotMetered) {
  Exchange x = CompletedExchange();
  x.metering = Metering::kUnmetered;
  EXPECT_FALSE(BuildReceipt(x, kOrigin).metered);
}

TEST(ReceiptFilterTest, SubmitsOneReceiptForAMeteredCall) {
  CollectingReceiptSink sink;
  FilterStats stats;
  Exchange x = CompletedExchange();
  ReceiptFilter(kOrigin, sink, stats).OnComplete(x);
  ASSERT_EQ(sink.receipts.size(), 1u);
  EXPECT_EQ(sink.receipts[0].event_id, x.event_id);
  EXPECT_EQ(stats.receipts_submitted.load(), 1u);
  EXPECT_EQ(stats.unmetered_receipts.load(), 0u);
}

TEST(ReceiptFilterTest, SubmitsAndCountsAnUnmeteredCall) {
  CollectingReceiptSink sink;
  FilterStats stats;
  Exchange x = CompletedExchange();
  x.metering = Metering::kUnmetered;
  x.operation = "embedContent";
  ReceiptFilter(kOrigin, sink, stats).OnComplete(x);
  ASSERT_EQ(sink.receipts.size(), 1u);
  EXPECT_FALSE(sink.receipts[0].metered);
  EXPECT_EQ(sink.receipts[0].operation, "embedContent");
  EXPECT_EQ(stats.receipts_submitted.load(), 1u);
  EXPECT_EQ(stats.unmetered_receipts.load(), 1u);
}

TEST(ReceiptFilterTest, DeniedRoutedCallStillGetsAReceipt) {
  CollectingReceiptSink sink;
  FilterStats stats;
  Exchange x = CompletedExchange();
  x.outcome = Outcome::kDenied;
  x.reason = "bad_label";
  x.http_status = 400;
  ReceiptFilter(kOrigin, sink, stats).OnComplete(x);
  ASSERT_EQ(sink.receipts.size(), 1u);
  EXPECT_EQ(sink.receipts[0].outcome, Outcome::kDenied);
  EXPECT_EQ(sink.receipts[0].reason, "bad_label");
}

TEST(ReceiptFilterTest, FreeOperationGetsAReceipt) {
  CollectingReceiptSink sink;
  FilterStats stats;
  Exchange x = CompletedExchange();
  x.metering = Metering::kFree;
  ReceiptFilter(kOrigin, sink, stats).OnComplete(x);
  ASSERT_EQ(sink.receipts.size(), 1u);
  EXPECT_TRUE(sink.receipts[0].metered);
  EXPECT_EQ(stats.unmetered_receipts.load(), 0u);
}

TEST(ReceiptFilterTest, PassThroughOperationGetsNoReceipt) {
  CollectingReceiptSink sink;
  FilterStats stats;
  Exchange x = CompletedExchange();
  x.metering = Metering::kPassThrough;
  ReceiptFilter(kOrigin, sink, stats).OnComplete(x);
  EXPECT_TRUE(sink.receipts.empty());
  EXPECT_EQ(stats.receipts_submitted.load(), 0u);
}

TEST(ReceiptFilterTest, UnroutedRequestGetsNoReceipt) {
  CollectingReceiptSink sink;
  FilterStats stats;
  Exchange x;
  x.http_status = 404;
  ReceiptFilter(kOrigin, sink, stats).OnComplete(x);
  EXPECT_TRUE(sink.receipts.empty());
}

TEST(ReceiptFilterTest, AdmittedCallSubmitsAnOpenIntentFirst) {
  CollectingReceiptSink sink;
  FilterStats stats;
  Exchange x = CompletedExchange();
  ReceiptFilter filter(kOrigin, sink, stats);
  EXPECT_EQ(filter.OnRequest(x), Next::kContinue);
  ASSERT_EQ(sink.intents.size(), 1u);
  const Receipt& intent = sink.intents[0];
  EXPECT_TRUE(intent.open);
  EXPECT_EQ(intent.event_id, x.event_id);
  EXPECT_EQ(intent.outcome, Outcome::kInterrupted);
  EXPECT_EQ(intent.reason, "in_flight");
  EXPECT_TRUE(intent.estimated);
  EXPECT_EQ(intent.end_unix_ms, x.start_unix_ms);
  EXPECT_EQ(intent.labels.user, "alice");
  EXPECT_EQ(stats.intents_submitted.load(), 1u);
  filter.OnComplete(x);
  ASSERT_EQ(sink.receipts.size(), 1u);
  EXPECT_FALSE(sink.receipts[0].open);
}

TEST(ReceiptFilterTest, PassThroughOperationGetsNoIntent) {
  CollectingReceiptSink sink;
  FilterStats stats;
  Exchange x = CompletedExchange();
  x.metering = Metering::kPassThrough;
  (void)ReceiptFilter(kOrigin, sink, stats).OnRequest(x);
  EXPECT_TRUE(sink.intents.empty());
  EXPECT_EQ(stats.intents_submitted.load(), 0u);
}

TEST(ReceiptFilterFactoryTest, FiltersStampTheFactorysOrigin) {
  CollectingReceiptSink sink;
  FilterStats stats;
  const ReceiptFilterFactory factory({.host = "h", .daemon_version = "v"}, sink, stats);
  Exchange x = CompletedExchange();
  factory.Create()->OnComplete(x);
  ASSERT_EQ(sink.receipts.size(), 1u);
  EXPECT_EQ(factory.Name(), "receipt");
  EXPECT_EQ(sink.receipts[0].host, "h");
  EXPECT_EQ(sink.receipts[0].daemon_version, "v");
}

}  // namespace
}  // namespace costgate::filters
