#include "filters/gemini/call_meter.h"

#include <array>
#include <optional>
#include <string>

#include "filters/gemini/json_value.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/model_families.h"
#include "filters/gemini/request_fields.h"
#include "filters/gemini/unreported_usage.h"
#include "filters/gemini/usage_metadata_meter.h"

namespace costgate::filters::gemini {
namespace {

constexpr std::array<std::string_view, 1> kCallRequestKeys = {"serviceTier"};

// The request's tier as the response spells it ("flex"): the SDKs send the lowercase value,
// but proto3 JSON also accepts the enum's name ("SERVICE_TIER_FLEX").
std::string ResponseSpelling(std::string_view tier) {
  constexpr std::string_view kEnumPrefix = "SERVICE_TIER_";
  if (tier.starts_with(kEnumPrefix)) {
    tier.remove_prefix(kEnumPrefix.size());
  }
  std::string out(tier);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// generateContent and streamGenerateContent: usage from the response body.
class GenerateMeter final : public UsageMetadataMeter {
 public:
  explicit GenerateMeter(const Exchange& x)
      : UsageMetadataMeter(
            x.operation == "streamGenerateContent" ? "streamGenerateContent" : "generateContent",
            x.stream_sse) {}

  void OnRequestBody(std::string_view chunk) noexcept override {
    request_size_.Add(chunk);
    request_.Feed(chunk);
  }

  void OnRequestBodyUnreadable() noexcept override { request_size_.MarkUnreadable(); }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    ReadReportedUsage(usage);
    // The answer's text is not read (walking every byte of the hot path's bodies would cost
    // more than the rest of the meter): a cut-off call's output stays unknown.
    EstimateUnreportedUsage(x, {.prompt = request_size_.Bytes(x), .output = 0}, usage);
    if (usage.service_tier.empty() && !usage.units.empty()) {
      // The tier the request asked for (AIS `serviceTier`) when the response named none.
      try {
        if (auto asked = JsonString(request_.Raw(0))) {
          usage.service_tier = ResponseSpelling(*asked);
        }
      } catch (...) {
        // no memory for the name: the call is priced at the standard tier
      }
    }
  }

 private:
  RequestFields request_{kCallRequestKeys, 256};
  RequestBodySize request_size_;
};

}  // namespace

std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x) {
  const std::string_view operation = x.operation;
  if (operation == "generateContent" || operation == "streamGenerateContent") {
    return std::make_unique<GenerateMeter>(x);
  }
  if (operation == "embedContent" || operation == "batchEmbedContents") {
    return CreateEmbedMeter(x);
  }
  if (operation == "predict" && IsEmbeddingModel(x.model_requested)) {
    return CreatePredictEmbeddingMeter(x);
  }
  if (operation == "predict" && IsImagenModel(x.model_requested)) {
    return CreateImageMeter(x);
  }
  if (operation == "predictLongRunning" && IsVeoModel(x.model_requested)) {
    return CreateVideoMeter(x);
  }
  if (operation == "cachedContents.create") {
    return CreateCacheCreateMeter(x);
  }
  if (operation == "openai.chat.completions" || operation == "openai.embeddings") {
    return CreateOpenAiMeter(x);
  }
  return nullptr;
}

}  // namespace costgate::filters::gemini
