#include "filters/gemini/meter.h"

#include "filters/gemini/stream_scanner.h"

namespace costgate::filters::gemini {
namespace {

std::string_view Trim(std::string_view s) noexcept {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool IsEventStream(const Headers& headers) noexcept {
  const std::string* type = headers.Find("Content-Type");
  if (type == nullptr) {
    return false;
  }
  const std::string_view media = std::string_view(*type).substr(0, type->find(';'));
  return EqualsIgnoreCase(Trim(media), "text/event-stream");
}

// Applies every Content-Encoding field: one gzip layer is decodable, identity is a no-op, and
// anything else (br, deflate, zstd, gzip twice) is beyond the meter.
void ApplyContentEncoding(const Headers& headers, MeterOptions& options) noexcept {
  int gzip_layers = 0;
  for (const Headers::Field& field : headers.fields()) {
    if (!EqualsIgnoreCase(field.name, "Content-Encoding")) {
      continue;
    }
    std::string_view rest = field.value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view coding = Trim(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (coding.empty() || EqualsIgnoreCase(coding, "identity")) {
        continue;
      }
      if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
        ++gzip_layers;
      } else {
        options.undecodable = true;
      }
    }
  }
  options.gzip = gzip_layers == 1;
  options.undecodable = options.undecodable || gzip_layers > 1;
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
  ApplyContentEncoding(head.headers, options);
  return options;
}

std::unique_ptr<UsageMeter> CreateMeter(const MeterOptions& options) {
  return std::make_unique<StreamScanner>(options);
}

}  // namespace costgate::filters::gemini
