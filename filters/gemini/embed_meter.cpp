// embedContent / batchEmbedContents: gemini-embedding-2 reports usageMetadata (AIS spells its
// details promptTokenDetails, which UsageParser reads); gemini-embedding-001 and
// gemini-embedding-2-preview report nothing (fixtures llmgemini-embedding-001-*,
// pydanticai-batchEmbedContents), so the input is counted from the request's text parts.
#include <string>

#include "filters/gemini/json_walker.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/unreported_usage.h"
#include "filters/gemini/usage_metadata_meter.h"

namespace costgate::filters::gemini {
namespace {

class EmbedMeter final : public UsageMetadataMeter, private JsonWalkConsumer {
 public:
  // A plain JSON body: only streamGenerateContent is a streamed array.
  EmbedMeter() noexcept : UsageMetadataMeter("embedContent", false) {}

  void OnRequestBody(std::string_view chunk) noexcept override { request_.Feed(chunk); }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    ReadReportedUsage(usage);
    // The rule of thumb applied to the text itself: the request's JSON (vectors' options, model
    // names, escapes) is not what the model reads.
    EstimateUnreportedUsage(x, {.prompt = text_characters_, .output = 0}, usage);
  }

 private:
  // Text parts: content.parts[].text (embedContent), requests[].content.parts[].text (batch).
  void OnString(JsonPath path, uint64_t characters) noexcept override {
    const size_t n = path.size();
    if (n >= 3 && path[n - 3] == "parts" && path[n - 2] == kArrayElement && path[n - 1] == "text") {
      text_characters_ += characters;
    }
  }

  JsonWalker request_{*this};
  uint64_t text_characters_ = 0;
};

}  // namespace

std::unique_ptr<CallMeter> CreateEmbedMeter(const Exchange& x) {
  (void)x;  // every embeddings call is metered alike
  return std::make_unique<EmbedMeter>();
}

}  // namespace costgate::filters::gemini
