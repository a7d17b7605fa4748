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

// --- Calls without usage (item: a 2xx answer never ends unmetered) -----------------------------

// What the openai SDKs send for a stream by default: no stream_options.include_usage.
constexpr std::string_view kOpenAiStreamRequest =
    R"({"messages":[{"role":"user","content":"Say hello"}],"model":"gemini-2.5-flash",)"
    R"("stream":true})";

const std::string kOpenAiChatTargets[] = {
    "/v1beta/openai/chat/completions",
    "/v1/projects/p/locations/global/endpoints/openapi/chat/completions"};
const std::string kOpenAiEmbeddingsTargets[] = {
    "/v1beta/openai/embeddings", "/v1/projects/p/locations/global/endpoints/openapi/embeddings"};

int64_t QuarterUp(uint64_t n) { return static_cast<int64_t>((n + 3) / 4); }

// A chunk as Gemini streams it without include_usage: no "usage" at all.
std::string OpenAiDelta(std::string_view delta, std::string_view finish = "") {
  return R"(data: {"choices":[{"delta":)" + std::string(delta) +
         (finish.empty() ? "" : R"(,"finish_reason":")" + std::string(finish) + "\"") +
         R"(,"index":0}],"created":1750000000,"id":"abc","model":"gemini-2.5-flash",)"
         R"("object":"chat.completion.chunk"})" +
         "\n\n";
}

// "Hello" and "!": 6 characters of content.
const std::string kOpenAiStreamWithoutUsage =
    OpenAiDelta(R"({"content":"Hello","role":"assistant"})") +
    OpenAiDelta(R"({"content":"!","role":"assistant"})", "stop") + "data: [DONE]\n\n";

// 15 characters of reasoning ("Thinking it out"), then a tool call: arguments {"city":"Paris"} (16
// characters decoded) and the function's name get_weather (11).
const std::string kOpenAiToolStreamWithoutUsage =
    OpenAiDelta(R"({"reasoning_content":"Thinking it out","role":"assistant"})") +
    OpenAiDelta(R"({"role":"assistant","tool_calls":[{"function":{"arguments":)"
                R"("{\"city\":\"Paris\"}","name":"get_weather"},"id":"call_1","index":0,)"
                R"("type":"function"}]})",
                "tool_calls") +
    "data: [DONE]\n\n";
constexpr uint64_t kOpenAiToolStreamCharacters = 15 + 16 + 11;

Call OpenAiCall(std::string target, std::string_view request, std::string response, bool sse) {
  Call call;
  call.target = std::move(target);
  call.request_body = std::string(request);
  call.response_headers.Add("Content-Type", sse ? "text/event-stream" : "application/json");
  call.response_body = std::move(response);
  return call;
}

std::string EstimatedUnits(uint64_t prompt, uint64_t output) {
  std::string json = R"({"input_tokens":)" + std::to_string(QuarterUp(prompt));
  if (output > 0) {
    json += R"(,"output_tokens":)" + std::to_string(QuarterUp(output));
  }
  return json + "}";
}

TEST(GeminiOpenAiMeter, AStreamWithoutUsageIsEstimatedFromTheRequestAndTheStreamedText) {
  for (const std::string& target : kOpenAiChatTargets) {
    const MeteredUsage usage =
        MeterCallWhole(OpenAiCall(target, kOpenAiStreamRequest, kOpenAiStreamWithoutUsage, true));
    EXPECT_FALSE(usage.reported) << target;
    EXPECT_TRUE(usage.estimated) << target;
    EXPECT_EQ(usage.units.ToJson(), EstimatedUnits(kOpenAiStreamRequest.size(), 6)) << target;
    EXPECT_EQ(usage.model_version, "gemini-2.5-flash") << target;
    EXPECT_EQ(usage.model_requested, "gemini-2.5-flash") << target;
    EXPECT_EQ(usage.malformed, 0U) << target;
  }
}

TEST(GeminiOpenAiMeter, ReasoningAndToolCallsCountAsStreamedOutput) {
  const MeteredUsage usage = MeterCallWhole(
      OpenAiCall(kOpenAiChatTargets[0], kOpenAiStreamRequest, kOpenAiToolStreamWithoutUsage, true));
  EXPECT_TRUE(usage.estimated);
  EXPECT_EQ(usage.units.ToJson(),
            EstimatedUnits(kOpenAiStreamRequest.size(), kOpenAiToolStreamCharacters));
}

TEST(GeminiOpenAiMeter, ACompletionWithoutUsageIsEstimatedFromItsMessage) {
  // "Hello there!" (12 characters) as a string, and as content parts.
  for (const std::string_view message :
       {R"({"content":"Hello there!","role":"assistant"})",
        R"({"content":[{"type":"text","text":"Hello "},{"type":"text","text":"there!"}],)"
        R"("role":"assistant"})"}) {
    for (const std::string& target : kOpenAiChatTargets) {
      const MeteredUsage usage = MeterCallWhole(OpenAiCall(
          target, kChatRequest,
          R"({"choices":[{"finish_reason":"stop","index":0,"message":)" + std::string(message) +
              R"(}],"created":1750000000,"id":"abc","model":"gemini-2.5-flash",)"
              R"("object":"chat.completion"})",
          false));
      EXPECT_TRUE(usage.estimated) << message;
      EXPECT_EQ(usage.units.ToJson(), EstimatedUnits(kChatRequest.size(), 12)) << message;
      EXPECT_EQ(usage.model_version, "gemini-2.5-flash") << message;
    }
  }
}

TEST(GeminiOpenAiMeter, EmbeddingsWithoutUsageAreEstimatedFromTheTextToEmbed) {
  // 19 characters: "Some text goes here"; 4 + 5: "first", "second".
  const std::pair<std::string_view, uint64_t> requests[] = {
      {R"({"input":"Some text goes here","model":"gemini-embedding-001"})", 19},
      {R"({"input":["first","second"],"model":"gemini-embedding-001"})", 11},
  };
  for (const auto& [request, characters] : requests) {
    for (const std::string& target : kOpenAiEmbeddingsTargets) {
      const MeteredUsage usage = MeterCallWhole(OpenAiCall(
          target, request,
          R"({"object":"list","data":[{"object":"embedding","embedding":[0.1],"index":0}],)"
          R"("model":"gemini-embedding-001"})",
          false));
      EXPECT_TRUE(usage.estimated) << target << " " << request;
      EXPECT_EQ(usage.units.ToJson(), EstimatedUnits(characters, 0)) << target << " " << request;
      EXPECT_EQ(usage.model_requested, "gemini-embedding-001") << target;
    }
  }
}

TEST(GeminiOpenAiMeter, UsageOnTheLastChunkOnlyIsReportedNotEstimated) {
  // stream_options.include_usage as OpenAI specifies it: one final chunk with usage.
  const std::string stream =
      kOpenAiStreamWithoutUsage.substr(0, kOpenAiStreamWithoutUsage.find("data: [DONE]")) +
      R"(data: {"choices":[],"id":"abc","model":"gemini-2.5-flash","object":"chat.completion.chunk",)"
      R"("usage":{"completion_tokens":2,"prompt_tokens":4,"total_tokens":6}})" +
      "\n\ndata: [DONE]\n\n";
  const MeteredUsage usage =
      MeterCallWhole(OpenAiCall(kOpenAiChatTargets[0], kOpenAiStreamRequest, stream, true));
  EXPECT_TRUE(usage.reported);
  EXPECT_FALSE(usage.estimated);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":4,"output_tokens":2,"total_tokens":6})");
}

TEST(GeminiOpenAiMeter, ErrorsAndCallsWithoutAnAnswerNameTheRequestedModel) {
  for (const std::string& target : kOpenAiChatTargets) {
    for (const int status : {400, 429, 500, 0}) {
      Call call = OpenAiCall(
          target, kOpenAiStreamRequest,
          status == 0 ? "" : R"([{"error":{"code":429,"message":"quota","status":"X"}}])", false);
      call.status = status;
      call.outcome = Outcome::kUpstreamError;  // 0: no answer (upstream reset, timeout)
      const MeteredUsage usage = MeterCallWhole(call);
      EXPECT_EQ(usage.model_requested, "gemini-2.5-flash") << target << " " << status;
      EXPECT_TRUE(usage.units.empty()) << target << " " << status;
      EXPECT_FALSE(usage.estimated) << target << " " << status;
    }
  }
  Call embeddings =
      OpenAiCall(kOpenAiEmbeddingsTargets[0],
                 R"({"input":"x","model":"models/gemini-embedding-001"})", "{}", false);
  embeddings.status = 404;
  embeddings.outcome = Outcome::kUpstreamError;
  EXPECT_EQ(MeterCallWhole(embeddings).model_requested, "gemini-embedding-001");
}

TEST(GeminiOpenAiMeter, SameAtEverySplitOfAStreamWithoutUsage) {
  testing::ExpectSameAtEverySplit(
      OpenAiCall(kOpenAiChatTargets[0], kOpenAiStreamRequest, kOpenAiStreamWithoutUsage, true));
  testing::ExpectSameAtEverySplit(
      OpenAiCall(kOpenAiChatTargets[1], kOpenAiStreamRequest, kOpenAiToolStreamWithoutUsage, true));
}

TEST(GeminiOpenAiMeter, SameAtEverySplitOfAnAnswerWithoutUsage) {
  testing::ExpectSameAtEverySplit(OpenAiCall(
      kOpenAiChatTargets[0], kChatRequest,
      R"({"choices":[{"index":0,"message":{"content":"Hel\u006co","role":"assistant"}}]})", false));
  testing::ExpectSameAtEverySplit(OpenAiCall(kOpenAiEmbeddingsTargets[0],
                                             R"({"input":["a b","c"],"model":"m"})",
                                             R"({"object":"list","data":[]})", false));
}

}  // namespace
}  // namespace costgate::filters::gemini
