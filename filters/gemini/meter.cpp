#include "filters/gemini/meter.h"

#include "filters/body_coding.h"
#include "filters/gemini/stream_scanner.h"

namespace costgate::filters::gemini {
namespace {

bool IsEventStream(const Headers& headers) noexcept {
  const std::string* type = headers.Find("Content-Type");
  if (type == nullptr) {
    return false;
  }
  const std::string_view media = std::string_view(*type).substr(0, type->find(';'));
  return EqualsIgnoreCase(TrimOws(media), "text/event-stream");
}

}  // namespace

MeterOptions ChooseMeterOptions(std::string_view operation, bool alt_sse,
                                const ResponseHead& head) {
  MeterOptions options;
  if (alt_sse || IsEventStream(head.headers)) {
    options.format = BodyFormat::kSse;
  } else if (operation == "streamGenerateContent") {
    options.format = BodyFormat::kJsonArray;
  }
  const BodyCoding coding = ReadBodyCoding(head.headers);
  options.gzip = coding.gzip;
  options.undecodable = coding.undecodable;
  return options;
}

std::unique_ptr<UsageMeter> CreateMeter(const MeterOptions& options) {
  return std::make_unique<StreamScanner>(options);
}

}  // namespace costgate::filters::gemini
