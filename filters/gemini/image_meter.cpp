// Imagen `:predict`: Google bills each generated image. The response's predictions[] holds one
// entry per image ({"bytesBase64Encoded": ..., "mimeType": ...}, or "gcsUri" with an output
// storage URI) and, with includeSafetyAttributes, one more entry without an image
// ({"contentType": "Positive Prompt", "safetyAttributes": ...}) that is not billed. Bodies are
// many MB of base64: walked, never buffered.
#include <array>

#include "filters/gemini/body_meter.h"
#include "filters/gemini/call_outcome.h"
#include "filters/gemini/json_value.h"
#include "filters/gemini/json_walker.h"
#include "filters/gemini/meters.h"
#include "filters/gemini/request_fields.h"

namespace costgate::filters::gemini {
namespace {

constexpr std::array<std::string_view, 1> kImageRequestKeys = {"parameters"};

class ImageMeter final : public BodyMeter, private JsonWalkConsumer {
 public:
  void OnRequestBody(std::string_view chunk) noexcept override { request_.Feed(chunk); }

  void Finish(const Exchange& x, MeteredUsage& usage) noexcept override {
    bool whole_body = false;  // a 2xx body that decoded into one complete JSON document
    if (FinishBody()) {
      walker_.Finish();
      whole_body = body_malformed() == 0 && !walker_.malformed();
      usage.malformed = whole_body ? 0 : 1;
    }
    if (!MayBeBilled(x)) {
      return;
    }
    if (whole_body) {
      usage.units.Set(kUnitImages, images_);
      usage.reported = true;
      return;
    }
    // Cut off before the whole answer: Google generated what the request asked for.
    const auto requested = JsonCountAt(request_.Raw(0), "sampleCount");
    if (requested.has_value() && *requested > images_) {
      usage.units.Set(kUnitImages, *requested);
      usage.estimated = true;
    } else if (images_ > 0) {
      usage.units.Set(kUnitImages, images_);
      usage.estimated = true;
    }
  }

 private:
  void Write(std::string_view bytes) noexcept override { walker_.Feed(bytes); }

  void OnOpen(JsonPath path, bool is_array) noexcept override {
    if (!is_array && PathIs(path, {"predictions", kArrayElement})) {
      has_image_ = false;
    }
  }

  void OnString(JsonPath path, uint64_t characters) noexcept override {
    (void)characters;
    if (PathIs(path, {"predictions", kArrayElement, "bytesBase64Encoded"}) ||
        PathIs(path, {"predictions", kArrayElement, "gcsUri"})) {
      has_image_ = true;
    }
  }

  void OnClose(JsonPath path, bool is_array) noexcept override {
    if (!is_array && PathIs(path, {"predictions", kArrayElement}) && has_image_) {
      ++images_;
    }
  }

  RequestFields request_{kImageRequestKeys};
  JsonWalker walker_{*this};
  bool has_image_ = false;
  int64_t images_ = 0;
};

}  // namespace

std::unique_ptr<CallMeter> CreateImageMeter(const Exchange& x) {
  (void)x;
  return std::make_unique<ImageMeter>();
}

}  // namespace costgate::filters::gemini
