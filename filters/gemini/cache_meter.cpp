// cachedContents create: Google bills the tokens written to the cache as input, and reports
// them in the response's usageMetadata.totalTokenCount (fixture
// pydanticai-cachedContents-explicit-cache.0). The hourly storage fee depends on the TTL and is
// not metered here. The URL names no model: the response's (else the request's) "model" does.
#include <array>
#include <optional>
#include <string>

#include "filters/gemini/body_decoder.h"
#include "filters/gemini/call_outcome.h"
#include "filters/gemini/json_value.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/request_fields.h"

namespace costgate::filters::gemini {
namespace {

enum : size_t { kUsageSlot, kModelSlot };
constexpr std::array<std::string_view, 2> kResponseKeys = {"usageMetadata", "model"};
constexpr std::array<std::string_view, 1> kRequestKeys = {"model"};
constexpr size_t kMaxCaptureBytes = 64 * 1024;

class CacheCreateMeter final : public CallMeter,
                               private stream::ByteSink,
                               private stream::JsonUnitConsumer {
 public:
  void OnRequestBody(std::string_view chunk) noexcept override { request_.Feed(chunk); }

  void OnResponseHead(const ResponseHead& head) noexcept override {
    if (IsSuccess(head.status)) {
      body_.emplace(head, static_cast<stream::ByteSink&>(*this));
    }
  }

  void OnResponseBody(std::string_view chunk) noexcept override {
    if (body_.has_value()) {
      body_->Feed(chunk);
    }
  }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    (void)x;
    if (!body_.has_value()) {
      return;
    }
    body_->Finish();
    extractor_.Finish();
    usage.malformed = extractor_.malformed() + (body_->failed() ? 1U : 0U);
    if (tokens_.has_value()) {
      usage.units.Set(kUnitInputTokens, *tokens_);
      usage.reported = true;
    }
    try {
      usage.model_version = model_;
      if (auto requested = JsonString(request_.Raw(0))) {
        usage.model_requested = BareModelName(*requested);
      }
    } catch (...) {
      // no memory for a name: the receipt goes without one
    }
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

  RequestFields request_{kRequestKeys};
  std::optional<BodyDecoder> body_;
  stream::JsonFieldExtractor extractor_{stream::JsonFraming::kValues, kResponseKeys,
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
