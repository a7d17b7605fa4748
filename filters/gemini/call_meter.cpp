#include "filters/gemini/call_meter.h"

#include <optional>
#include <string>

#include "filters/gemini/meter.h"
#include "filters/gemini/stream_scanner.h"
#include "filters/token_estimate.h"

namespace costgate::filters::gemini {
namespace {

bool IsSuccess(int status) noexcept { return status >= 200 && status <= 299; }

// generateContent and streamGenerateContent: usage from the response body.
class GenerateMeter final : public CallMeter {
 public:
  explicit GenerateMeter(const Exchange& x) : operation_(x.operation), alt_sse_(x.stream_sse) {}

  void OnResponseHead(const ResponseHead& head) noexcept override {
    if (IsSuccess(head.status)) {
      scanner_.emplace(ChooseMeterOptions(operation_, alt_sse_, head));
    }
  }

  void OnResponseBody(std::string_view chunk) noexcept override {
    if (scanner_.has_value()) {
      scanner_->Feed(chunk);
    }
  }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    if (scanner_.has_value()) {
      scanner_->Finish();
      usage = scanner_->usage();
    }
    if (!usage.reported && CutOffAfterSending(x)) {
      // The provider bills the prompt of a call it started; output is unknowable.
      usage.units.clear();
      usage.units.Set(kUnitInputTokens, TokensFromBytes(x.request_bytes));
      usage.estimated = true;
    }
  }

 private:
  // The whole request reached the provider and then the call ended without a usage report:
  // a 2xx body cut short, or the client or the daemon gone before the answer.
  static bool CutOffAfterSending(const Exchange& x) noexcept {
    if (x.request_bytes == 0) {
      return false;
    }
    if (x.response.has_value()) {
      return IsSuccess(x.response->status) && x.outcome != Outcome::kSuccess;
    }
    return x.outcome == Outcome::kCancelled || x.outcome == Outcome::kInterrupted;
  }

  const std::string operation_;
  const bool alt_sse_;
  std::optional<StreamScanner> scanner_;
};

}  // namespace

std::unique_ptr<CallMeter> CreateCallMeter(const Exchange& x) {
  if (x.operation == "generateContent" || x.operation == "streamGenerateContent") {
    return std::make_unique<GenerateMeter>(x);
  }
  return nullptr;
}

}  // namespace costgate::filters::gemini
