// Veo `:predictLongRunning` (PROVIDERS.md A2, trap 14): seconds of video from the request.
// No recorded Veo request exists; bodies are shaped like the Vertex AI Veo API reference
// (cloud.google.com/vertex-ai/generative-ai/docs/model-reference/veo-video-generation:
// {"instances":[{"prompt", "image":{"bytesBase64Encoded","mimeType"}}], "parameters":
// {"durationSeconds", "sampleCount", "aspectRatio", ...}}) and the response an operation.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::MeterCallWhole;

Call VeoCall(std::string parameters) {
  Call call;
  call.target = "/v1beta/models/veo-3.1-generate-preview:predictLongRunning";
  call.request_body = R"({"instances":[{"prompt":"waves","image":{"bytesBase64Encoded":")" +
                      std::string(4096, 'Q') + R"(","mimeType":"image/png"}}],"parameters":)" +
                      parameters + "}";
  call.response_body = R"({"name":"models/veo-3.1-generate-preview/operations/op123"})";
  return call;
}

TEST(GeminiVideoMeter, SecondsTimesSamplesFromTheRequestEstimated) {
  const MeteredUsage usage =
      MeterCallWhole(VeoCall(R"({"aspectRatio":"16:9","durationSeconds":6,"sampleCount":2})"));
  EXPECT_TRUE(usage.estimated);
  EXPECT_FALSE(usage.reported);
  EXPECT_EQ(usage.units.ToJson(), R"({"video_seconds":12})");
}

TEST(GeminiVideoMeter, DefaultsToOneVideoOfEightSeconds) {
  EXPECT_EQ(MeterCallWhole(VeoCall(R"({"aspectRatio":"16:9"})")).units.ToJson(),
            R"({"video_seconds":8})");
}

TEST(GeminiVideoMeter, AnErrorResponseHasNoUnits) {
  Call call = VeoCall(R"({"durationSeconds":8})");
  call.status = 429;
  call.response_body = R"({"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}})";
  EXPECT_TRUE(MeterCallWhole(call).units.empty());
}

TEST(GeminiVideoMeter, SameAtEverySplit) {
  testing::ExpectSameAtEverySplit(VeoCall(R"({"durationSeconds":5,"sampleCount":3})"));
}

}  // namespace
}  // namespace costgate::filters::gemini
