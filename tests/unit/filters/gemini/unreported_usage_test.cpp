// One rule for every token-billed Gemini / Vertex AI operation, native or OpenAI-compatible: a
// call Google may have billed whose answer reported no usage is estimated from its request
// (unreported_usage.h); a call Google refused or never answered has no units.
#include "filters/gemini/unreported_usage.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::MeterCallWhole;

struct TokenBilledOperation {
  std::string target;
  std::string request_body;
  uint64_t prompt;  // what the estimate reads: the body's bytes, or the text to embed
};

std::vector<TokenBilledOperation> TokenBilledOperations() {
  const std::string generate = R"({"contents":[{"parts":[{"text":"Say hello"}]}]})";
  const std::string embed = R"({"content":{"parts":[{"text":"Say hello"}]}})";
  const std::string batch =
      R"({"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"Say hello"}]}}]})";
  const std::string chat =
      R"({"messages":[{"role":"user","content":"Say hello"}],"model":"gemini-2.5-flash","stream":true})";
  const std::string openai_embed = R"({"input":"Say hello","model":"gemini-embedding-001"})";
  std::vector<TokenBilledOperation> operations;
  for (const std::string models :
       {"/v1beta/models/", "/v1/projects/p/locations/us-central1/publishers/google/models/"}) {
    operations.push_back({models + "gemini-2.5-flash:generateContent", generate, generate.size()});
    operations.push_back(
        {models + "gemini-2.5-flash:streamGenerateContent?alt=sse", generate, generate.size()});
    operations.push_back(
        {models + "gemini-2.5-flash:streamGenerateContent", generate, generate.size()});
    operations.push_back({models + "gemini-embedding-001:embedContent", embed, 9});
  }
  operations.push_back({"/v1beta/models/gemini-embedding-001:batchEmbedContents", batch, 9});
  for (const std::string openai :
       {"/v1beta/openai/", "/v1/projects/p/locations/global/endpoints/openapi/"}) {
    operations.push_back({openai + "chat/completions", chat, chat.size()});
    operations.push_back({openai + "embeddings", openai_embed, 9});
  }
  return operations;
}

struct Ending {
  std::string_view name;
  int status;  // 0: no answer arrived
  Outcome outcome;
  bool billed;  // Google may have billed it
};

constexpr Ending kEndings[] = {
    {"client gone before the answer", 0, Outcome::kCancelled, true},
    {"daemon stopped before the answer", 0, Outcome::kInterrupted, true},
    {"client gone during a 2xx answer", 200, Outcome::kCancelled, true},
    {"upstream reset during a 2xx answer", 200, Outcome::kUpstreamError, true},
    {"a whole 2xx answer without usage", 200, Outcome::kSuccess, true},
    {"upstream gone before answering", 0, Outcome::kUpstreamError, false},
    {"refused with 429", 429, Outcome::kUpstreamError, false},
    {"refused with 400", 400, Outcome::kUpstreamError, false},
};

TEST(GeminiUnreportedUsage, EveryTokenBilledOperationIsEstimatedAlikeWhenItMayHaveBeenBilled) {
  for (const TokenBilledOperation& op : TokenBilledOperations()) {
    for (const Ending& ending : kEndings) {
      Call call;
      call.target = op.target;
      call.request_body = op.request_body;
      call.status = ending.status;
      call.outcome = ending.outcome;
      call.response_headers.Add("Content-Type", "application/json");
      call.response_body = ending.outcome == Outcome::kSuccess ? "{}" : "";
      const MeteredUsage usage = MeterCallWhole(call);
      const std::string what = op.target + ": " + std::string(ending.name);
      EXPECT_FALSE(usage.reported) << what;
      if (ending.billed) {
        EXPECT_TRUE(usage.estimated) << what;
        EXPECT_EQ(usage.units.ToJson(),
                  R"({"input_tokens":)" + std::to_string((op.prompt + 3) / 4) + "}")
            << what;
      } else {
        EXPECT_FALSE(usage.estimated) << what;
        EXPECT_TRUE(usage.units.empty()) << what;
      }
    }
  }
}

TEST(GeminiUnreportedUsage, ReportedUsageIsNeverReplaced) {
  Exchange x;
  x.request_bytes = 100;
  x.response = ResponseHead{};
  x.response->status = 200;
  x.outcome = Outcome::kCancelled;
  MeteredUsage usage;
  usage.units.Set(kUnitInputTokens, 3);
  usage.reported = true;
  EstimateUnreportedUsage(x, {.prompt = 100, .output = 40}, usage);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":3})");
  EXPECT_FALSE(usage.estimated);
}

TEST(GeminiUnreportedUsage, OutputSeenIsEstimatedBesideThePrompt) {
  Exchange x;
  x.request_bytes = 10;
  x.outcome = Outcome::kCancelled;
  MeteredUsage usage;
  EstimateUnreportedUsage(x, {.prompt = 10, .output = 9}, usage);
  EXPECT_EQ(usage.units.ToJson(), R"({"input_tokens":3,"output_tokens":3})");
  EXPECT_TRUE(usage.estimated);
}

TEST(GeminiUnreportedUsage, NothingSeenIsNothingEstimated) {
  Exchange x;
  x.request_bytes = 10;
  x.outcome = Outcome::kCancelled;
  MeteredUsage usage;
  EstimateUnreportedUsage(x, {}, usage);
  EXPECT_TRUE(usage.units.empty());
  EXPECT_FALSE(usage.estimated);
}

}  // namespace
}  // namespace costgate::filters::gemini
