// The OpenAI-compatible endpoint (PROVIDERS.md A8, traps 1 and 7). No recorded response is in
// tests/fixtures; bodies follow OpenAI's chat completion / chunk / embeddings objects
// (platform.openai.com/docs/api-reference/chat/object, .../chat/streaming,
// .../embeddings/object) with the numbers PROVIDERS.md A8 quotes from pydantic-ai's cassette
// test_compatible_api_with_tool_calls_without_id (prompt 35 + completion 12 != total 109).
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::MeterCallWhole;

constexpr std::string_view kChatRequest =
    R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]})";

constexpr std::string_view kCompletion =
    R"({"choices":[{"finish_reason":"stop","index":0,"message":{"content":"Hello!",)"
    R"("role":"assistant"}}],"created":1750000000,"id":"abc","model":"gemini-2.5-flash",)"
    R"("object":"chat.completion","usage":{"completion_tokens":12,"prompt_tokens":35,)"
    R"("total_tokens":109}})";

Call ChatCall(std::string response_body, bool sse) {
  Call call;
  call.target = "/v1beta/openai/chat/completions";
  call.request_body = std::string(kChatRequest);
  call.response_headers.Add("Content-Type", sse ? "text/event-stream" : "application/json");
  call.response_body = std::move(response_body);
  return call;
}

std::string Chunk(std::string_view content, std::string_view usage) {
  return R"(data: {"choices":[{"delta":{"content":")" + std::string(content) +
         R"(","role":"assistant"},"index":0}],"created":1750000000,"id":"abc",)"
         R"("model":"gemini-2.5-flash","object":"chat.completion.chunk","usage":)" +
         std::string(usage) + "}\n\n";
}

const std::string kStream =
    Chunk("Hel", R"({"completion_tokens":1,"prompt_tokens":36,"total_tokens":90})") +
    Chunk("lo!", R"({"completion_tokens":12,"prompt_tokens":35,"total_tokens":109})") +
    "data: [DONE]\n\n";

TEST(GeminiOpenAiMeter, ThinkingTokensAreTheRestOfTheTotal) {
  const MeteredUsage usage = MeterCallWhole(ChatCall(std::string(kCompletion), false));
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.units.ToJson(),
            R"({"input_tokens":35,"output_tokens":12,"thinking_tokens":62,"total_tokens":109})");
  EXPECT_EQ(usage.model_version, "gemini-2.5-flash");
  EXPECT_EQ(usage.malformed, 0U);
}

TEST(GeminiOpenAiMeter, CachedPromptTokensAreCachedInput) {
  const MeteredUsage usage = MeterCallWhole(
      ChatCall(R"({"object":"chat.completion","usage":{"prompt_tokens":3520,"completion_tokens":2,)"
               R"("total_tokens":3522,"prompt_tokens_details":{"cached_tokens":3512}}})",
               false));
  EXPECT_EQ(
      usage.units.ToJson(),
      R"({"input_tokens":3520,"output_tokens":2,"cached_input_tokens":3512,"total_tokens":3522})");
}

TEST(GeminiOpenAiMeter, TheLastChunkOfAStreamWins) {
  const MeteredUsage usage = MeterCallWhole(ChatCall(kStream, true));
  EXPECT_TRUE(usage.reported);
  EXPECT_EQ(usage.units.ToJson(),
            R"({"input_tokens":35,"output_tokens":12,"thinking_tokens":62,"total_tokens":109})");
  EXPECT_EQ(usage.malformed, 0U);  // [DONE] is not a malformed chunk
}

TEST(GeminiOpenAiMeter, TheRequestNamesTheModelWhenTheResponseDoesNot) {
  const MeteredUsage usage = MeterCallWhole(
      ChatCall(R"({"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}})", false));
  EXPECT_EQ(usage.model_version, "");
  EXPECT_EQ(usage.model_requested, "gemini-2.5-flash");
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":3,"output_tokens":4,"total_tokens":7})");
}

TEST(GeminiOpenAiMeter, EmbeddingsBillPromptTokens) {
  Call call;
  call.target = "/v1beta/openai/embeddings";
  call.request_body = R"({"input":"Some text goes here","model":"gemini-embedding-001"})";
  call.response_body =
      R"({"object":"list","data":[{"object":"embedding","embedding":[0.1,-0.2],"index":0}],)"
      R"("model":"gemini-embedding-001","usage":{"prompt_tokens":5,"total_tokens":5}})";
  const MeteredUsage usage = MeterCallWhole(call);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":5,"total_tokens":5})");
  EXPECT_EQ(usage.model_version, "gemini-embedding-001");
}

TEST(GeminiOpenAiMeter, AnErrorResponseHasNoUnits) {
  Call call = ChatCall(
      R"([{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}])", false);
  call.status = 429;
  const MeteredUsage usage = MeterCallWhole(call);
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.reported);
}

TEST(GeminiOpenAiMeter, SameAtEverySplitOfAJsonBody) {
  testing::ExpectSameAtEverySplit(ChatCall(std::string(kCompletion), false));
}

TEST(GeminiOpenAiMeter, SameAtEverySplitOfAStream) {
  testing::ExpectSameAtEverySplit(ChatCall(kStream, true));
}

}  // namespace
}  // namespace costgate::filters::gemini
