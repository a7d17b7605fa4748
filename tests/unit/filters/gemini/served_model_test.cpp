// Every Gemini / Vertex AI meter that records the model a response says it served records the
// bare model name, whatever resource form the answer spells it in, in every body format.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/gzip_parts.h"
#include "tests/unit/filters/gemini/call_helpers.h"

namespace costgate::filters::gemini {
namespace {

using testing::Call;
using testing::MeterCallWhole;

const std::string kVertexModels = "/v1/projects/p/locations/us-central1/publishers/google/models/";

// The forms a served model's name takes in answers.
const std::vector<std::string> kNameForms = {
    "gemini-2.5-pro",
    "models/gemini-2.5-pro",
    "publishers/google/models/gemini-2.5-pro",
    "projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro",
};

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

Call JsonCall(std::string target, std::string body, bool gzip = false) {
  Call call;
  call.target = std::move(target);
  call.request_body = R"({"contents":[{"parts":[{"text":"hi"}]}]})";
  call.response_headers.Add("Content-Type", "application/json; charset=UTF-8");
  if (gzip) {
    call.response_headers.Add("Content-Encoding", "gzip");
    body = test_support::Gzip(body);
  }
  call.response_body = std::move(body);
  return call;
}

// One call per meter and body format, its answer naming the served model as `name`.
std::vector<Call> CallsServing(const std::string& name) {
  const std::string usage = R"("usageMetadata":{"promptTokenCount":3,"totalTokenCount":3})";
  const std::string object = "{" + usage + R"(,"modelVersion":)" + Quoted(name) + "}";
  std::vector<Call> calls;
  for (const std::string& models : {std::string("/v1beta/models/"), kVertexModels}) {
    calls.push_back(JsonCall(models + "gemini-2.5-pro:generateContent", object));
    calls.push_back(JsonCall(models + "gemini-2.5-pro:generateContent", object, true));
    Call sse = JsonCall(models + "gemini-2.5-pro:streamGenerateContent?alt=sse",
                        "data: " + object + "\r\n\r\ndata: " + object + "\r\n\r\n");
    sse.response_headers = {};
    sse.response_headers.Add("Content-Type", "text/event-stream");
    calls.push_back(sse);
    calls.push_back(JsonCall(models + "gemini-2.5-pro:streamGenerateContent",
                             "[" + object + "\n,\r\n" + object + "\n]", true));
    calls.push_back(JsonCall(models + "gemini-embedding-2:embedContent",
                             R"({"embedding":{"values":[0.1]},)" + object.substr(1)));
  }
  calls.push_back(
      JsonCall("/v1beta/cachedContents", R"({"name":"cachedContents/c","model":)" + Quoted(name) +
                                             R"(,"usageMetadata":{"totalTokenCount":3}})"));
  for (const std::string& openai :
       {std::string("/v1beta/openai/chat/completions"),
        std::string("/v1/projects/p/locations/global/endpoints/openapi/chat/completions")}) {
    calls.push_back(JsonCall(openai, R"({"object":"chat.completion","model":)" + Quoted(name) +
                                         R"(,"usage":{"prompt_tokens":3,"completion_tokens":1,)"
                                         R"("total_tokens":4}})"));
  }
  return calls;
}

TEST(GeminiServedModel, EveryMeterRecordsTheServedModelBare) {
  for (const std::string& name : kNameForms) {
    for (const Call& call : CallsServing(name)) {
      const MeteredUsage usage = MeterCallWhole(call);
      EXPECT_FALSE(usage.units.empty()) << call.target << " serving " << name;
      EXPECT_EQ(usage.model_version, "gemini-2.5-pro") << call.target << " serving " << name;
    }
  }
}

TEST(GeminiServedModel, ATunedModelKeepsItsWholeName) {
  // "tunedModels/x" is a model of its own, not a resource path around one.
  for (const Call& call : CallsServing("tunedModels/my-model-7")) {
    EXPECT_EQ(MeterCallWhole(call).model_version, "tunedModels/my-model-7") << call.target;
  }
}

}  // namespace
}  // namespace costgate::filters::gemini
