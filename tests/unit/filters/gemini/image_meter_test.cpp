// Imagen `:predict` (PROVIDERS.md A2, trap 14): one image per predictions[] entry carrying an
// image. No recorded Imagen response exists; bodies are shaped like the Vertex AI Imagen API
// reference (cloud.google.com/vertex-ai/generative-ai/docs/model-reference/imagen-api:
// predictions[] of {"bytesBase64Encoded", "mimeType"} or {"gcsUri", "mimeType"}, plus, with
// includeSafetyAttributes, {"contentType": "Positive Prompt", "safetyAttributes": {...}}).
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::MeterCallWhole;

std::string Prediction(size_t base64_bytes) {
  return R"({"mimeType":"image/png","bytesBase64Encoded":")" + std::string(base64_bytes, 'Q') +
         R"("})";
}

constexpr std::string_view kSafetyEntry =
    R"({"contentType":"Positive Prompt","safetyAttributes":{"categories":["Violence"],)"
    R"("scores":[0.1]}})";

Call ImagenCall(std::string response_body) {
  Call call;
  call.target =
      "/v1/projects/p/locations/us-central1/publishers/google/models/"
      "imagen-4.0-generate-001:predict";
  call.request_body =
      R"({"instances":[{"prompt":"a lighthouse at dawn"}],"parameters":{"sampleCount":2,)"
      R"("includeSafetyAttributes":true}})";
  call.response_headers.Add("Content-Type", "application/json; charset=UTF-8");
  call.response_body = std::move(response_body);
  return call;
}

TEST(GeminiImageMeter, CountsEachPredictionWithAnImage) {
  const MeteredUsage usage =
      MeterCallWhole(ImagenCall(R"({"predictions":[)" + Prediction(64) + "," + Prediction(80) +
                                "," + std::string(kSafetyEntry) + "]}"));
  EXPECT_TRUE(usage.reported);
  EXPECT_FALSE(usage.estimated);
  EXPECT_EQ(usage.units.ToJson(), R"({"images":2})");
  EXPECT_EQ(usage.malformed, 0U);
}

TEST(GeminiImageMeter, CountsImagesWrittenToCloudStorage) {
  const MeteredUsage usage = MeterCallWhole(ImagenCall(
      R"({"predictions":[{"mimeType":"image/png","gcsUri":"gs://b/1.png"},)"
      R"({"gcsUri":"gs://b/2.png","mimeType":"image/png"},{"gcsUri":"gs://b/3.png"}]})"));
  EXPECT_EQ(usage.units.ToJson(), R"({"images":3})");
}

TEST(GeminiImageMeter, CountsImagesOfManyMegabytes) {
  const MeteredUsage usage = MeterCallWhole(
      ImagenCall(R"({"predictions":[)" + Prediction(3 << 20) + "," + Prediction(3 << 20) + "]}"));
  EXPECT_EQ(usage.units.ToJson(), R"({"images":2})");
}

TEST(GeminiImageMeter, AllImagesFilteredIsZeroImages) {
  // Every image blocked by the safety filter: no predictions, nothing billed.
  const MeteredUsage usage = MeterCallWhole(ImagenCall("{}"));
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.units.ToJson(), R"({"images":0})");
}

TEST(GeminiImageMeter, AnErrorResponseHasNoUnits) {
  Call call = ImagenCall(R"({"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT"}})");
  call.status = 400;
  EXPECT_TRUE(MeterCallWhole(call).units.empty());
}

TEST(GeminiImageMeter, ABodyCutShortIsEstimatedFromTheSampleCount) {
  const std::string body = R"({"predictions":[)" + Prediction(64) + "," + Prediction(80);
  Call call = ImagenCall(body.substr(0, body.size() - 20));
  call.outcome = Outcome::kCancelled;
  const MeteredUsage usage = MeterCallWhole(call);
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.units.ToJson(), R"({"images":2})");
}

TEST(GeminiImageMeter, SameAtEverySplit) {
  testing::ExpectSameAtEverySplit(ImagenCall(R"({"predictions":[)" + Prediction(64) + "," +
                                             Prediction(80) + "," + std::string(kSafetyEntry) +
                                             "]}"));
}

}  // namespace
}  // namespace costgate::filters::gemini
