// cachedContents create: Google bills the tokens written to the cache as input, and reports
// them in the response's usageMetadata.totalTokenCount (fixture
// pydanticai-cachedContents-explicit-cache.0). The hourly storage fee depends on the TTL and is
// not metered here. The URL names no model: the response's (else the request's) "model" does.
#include <array>
#include <optional>
#include <string>

#include "filters/gemini/body_meter.h"
#include "filters/gemini/json_value.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/request_fields.h"
#include "filters/stream/json_field_extractor.h"

namespace costgate::filters::gemini {
namespace {

enum : size_t { kUsageSlot, kModelSlot };
constexpr std::array<std::string_view, 2> kCacheResponseKeys = {"usageMetadata", "model"};
constexpr std::array<std::string_view, 1> kCacheRequestKeys = {"model"};

class CacheCreateMeter final : public BodyMeter, private stream::JsonUnitConsumer {
 public:
  void OnRequestBody(std::string_view chunk) noexcept override { request_.Feed(chunk); }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    (void)x;
    if (!FinishBody()) {
      return;
    }
    extractor_.Finish();
    usage.malformed = extractor_.malformed() + body_malformed();
    if (tokens_.has_value()) {
      usage.units.Set(kUnitInputTokens, *tokens_);
      usage.reported = true;
    }
    SetModelNames(model_, request_.Raw(0), usage);
  }

 private:
  void Write(std::string_view bytes) noexcept override { extractor_.Feed(bytes); }

  void OnUnit(std::span<const stream::JsonCapture> captures) noexcept override {
    tokens_ = JsonCountAt(captures[kUsageSlot].raw, "totalTokenCount");
    try {
      if (auto model = JsonString(captures[kModelSlot].raw)) {
        model_ = BareModelName(*model);
      }
    } catch (...) {
      model_.clear();
    }
  }

  RequestFields request_{kCacheRequestKeys};
  stream::JsonFieldExtractor extractor_{stream::JsonFraming::kValues, kCacheResponseKeys,
                                        kMaxCaptureBytes, *this};
  std::optional<int64_t> tokens_;
  std::string model_;
};

}  // namespace

std::unique_ptr<CallMeter> CreateCacheCreateMeter(const Exchange& x) {
  (void)x;
  return std::make_unique<CacheCreateMeter>();
}

}  // namespace costgate::filters::gemini
