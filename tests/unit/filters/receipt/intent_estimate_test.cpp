#include "filters/receipt/intent_estimate.h"

#include <gtest/gtest.h>

#include "filters/receipt/receipt_filter.h"

namespace costgate::filters {
namespace {

Exchange AdmittedGeminiCall(std::string content_length) {
  Exchange x;
  x.provider = "gemini";
  x.operation = "generateContent";
  x.metering = Metering::kMetered;
  x.request.method = "POST";
  x.request.headers.Add("Content-Length", std::move(content_length));
  return x;
}

TEST(EstimateIntentUnitsTest, InputTokensAreTheBodyBytesOverFourRoundedUp) {
  Units units;
  EstimateIntentUnits(AdmittedGeminiCall("1001"), units);
  EXPECT_EQ(units.Get(kUnitInputTokens), 251);
  EXPECT_FALSE(units.Get(kUnitOutputTokens).has_value());
}

TEST(EstimateIntentUnitsTest, NoContentLengthGivesNoEstimate) {
  Exchange x = AdmittedGeminiCall("10");
  x.request.headers.Remove("Content-Length");
  Units units;
  EstimateIntentUnits(x, units);
  EXPECT_TRUE(units.empty());
}

TEST(EstimateIntentUnitsTest, MalformedContentLengthGivesNoEstimate) {
  Units units;
  EstimateIntentUnits(AdmittedGeminiCall("12x"), units);
  EXPECT_TRUE(units.empty());
}

TEST(EstimateIntentUnitsTest, UnmeteredCallGetsNoEstimate) {
  Exchange x = AdmittedGeminiCall("400");
  x.metering = Metering::kUnmetered;
  Units units;
  EstimateIntentUnits(x, units);
  EXPECT_TRUE(units.empty());
}

TEST(EstimateIntentUnitsTest, VertexAiCallGetsTheSameEstimate) {
  Exchange x = AdmittedGeminiCall("1001");
  x.provider = "vertex";
  x.operation = "streamGenerateContent";
  Units units;
  EstimateIntentUnits(x, units);
  EXPECT_EQ(units.Get(kUnitInputTokens), 251);
}

TEST(EstimateIntentUnitsTest, EveryOperationBilledByPromptTokensGetsTheEstimate) {
  for (const char* provider : {"gemini", "vertex"}) {
    for (const char* op : {"generateContent", "streamGenerateContent", "embedContent",
                           "batchEmbedContents", "openai.chat.completions", "openai.embeddings"}) {
      Exchange x = AdmittedGeminiCall("1001");
      x.provider = provider;
      x.operation = op;
      Units units;
      EstimateIntentUnits(x, units);
      EXPECT_EQ(units.Get(kUnitInputTokens), 251) << provider << " " << op;
    }
  }
}

TEST(EstimateIntentUnitsTest, CallsNotBilledByPromptTokensGetNoEstimate) {
  for (const char* op : {"predict", "predictLongRunning", "cachedContents.create"}) {
    Exchange x = AdmittedGeminiCall("1001");
    x.operation = op;
    Units units;
    EstimateIntentUnits(x, units);
    EXPECT_TRUE(units.empty()) << op;
  }
}

TEST(EstimateIntentUnitsTest, CompressedBodyGetsNoEstimate) {
  for (const char* coding : {"gzip", "br"}) {
    Exchange x = AdmittedGeminiCall("1001");
    x.request.headers.Add("Content-Encoding", coding);
    Units units;
    EstimateIntentUnits(x, units);
    EXPECT_TRUE(units.empty()) << coding;
  }
}

TEST(EstimateIntentUnitsTest, IntentOfAGeminiCallCarriesTheEstimate) {
  const Receipt intent =
      BuildIntent(AdmittedGeminiCall("80"), ReceiptOrigin{.host = "h", .daemon_version = "v"});
  EXPECT_TRUE(intent.open);
  EXPECT_TRUE(intent.estimated);
  EXPECT_EQ(intent.units.Get(kUnitInputTokens), 20);
}

}  // namespace
}  // namespace costgate::filters
