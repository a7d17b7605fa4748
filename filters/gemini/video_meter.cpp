// Veo `:predictLongRunning`: the response is only an operation name, and the finished operation
// (polled later, pass-through) carries no usage, so the seconds Google bills are read from the
// request's parameters, as the caller asked for them. The instances may carry a base64 image:
// only "parameters" is kept.
#include <array>

#include "filters/gemini/call_outcome.h"
#include "filters/gemini/json_value.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/request_fields.h"

namespace costgate::filters::gemini {
namespace {

constexpr std::array<std::string_view, 1> kVideoRequestKeys = {"parameters"};

// Google documents 8 s as the default length for Veo 2 (5-8 s) and Veo 3 / 3.1 (4, 6 or 8 s)
// (Vertex AI Veo API reference, `durationSeconds`); one video unless sampleCount says more.
constexpr int64_t kDefaultDurationSeconds = 8;
constexpr int64_t kDefaultSampleCount = 1;

class VideoMeter final : public CallMeter {
 public:
  void OnRequestBody(std::string_view chunk) noexcept override { request_.Feed(chunk); }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    if (!MayBeBilled(x)) {
      return;
    }
    const std::string_view parameters = request_.Raw(0);
    const int64_t seconds =
        JsonCountAt(parameters, "durationSeconds").value_or(kDefaultDurationSeconds);
    const int64_t samples = JsonCountAt(parameters, "sampleCount").value_or(kDefaultSampleCount);
    usage.units.Set(kUnitVideoSeconds, seconds * samples);
    usage.estimated = true;
  }

 private:
  RequestFields request_{kVideoRequestKeys};
};

}  // namespace

std::unique_ptr<CallMeter> CreateVideoMeter(const Exchange& x) {
  (void)x;
  return std::make_unique<VideoMeter>();
}

}  // namespace costgate::filters::gemini
