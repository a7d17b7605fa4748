#include "filters/gemini/stream_scanner.h"

#include <array>

#include "filters/gemini/json_value.h"

namespace costgate::filters::gemini {
namespace {

enum : size_t { kUsageSlot, kModelVersionSlot };
constexpr std::array<std::string_view, 2> kCapturedKeys = {"usageMetadata", "modelVersion"};

}  // namespace

StreamScanner::StreamScanner(const MeterOptions& options)
    : sse_(options.format == BodyFormat::kSse),
      undecodable_(options.undecodable),
      sse_reader_(*this),
      extractor_(options.format == BodyFormat::kJsonArray ? stream::JsonFraming::kArray
                                                          : stream::JsonFraming::kValues,
                 kCapturedKeys, options.max_capture_bytes, *this) {
  if (options.gzip) {
    gzip_.emplace(static_cast<stream::ByteSink&>(*this));
  }
}

void StreamScanner::Feed(std::string_view chunk) noexcept {
  if (finished_ || chunk.empty()) {
    return;
  }
  if (undecodable_) {
    usage_.malformed = 1;
  } else if (gzip_.has_value()) {
    gzip_->Feed(chunk);
  } else {
    Scan(chunk);
  }
  CountMalformed();
}

void StreamScanner::Finish() noexcept {
  if (finished_) {
    return;
  }
  finished_ = true;
  if (undecodable_) {
    usage_.malformed = 1;
    return;
  }
  if (gzip_.has_value()) {
    gzip_->Finish();
  }
  if (sse_) {
    sse_reader_.Finish();
  }
  extractor_.Finish();
  CountMalformed();
}

void StreamScanner::CountMalformed() noexcept {
  if (undecodable_) {
    return;
  }
  const bool gzip_corrupt = gzip_.has_value() && gzip_->corrupt();
  usage_.malformed = extractor_.malformed() + usage_malformed_ + (gzip_corrupt ? 1U : 0U);
}

size_t StreamScanner::BufferHighWater() const noexcept {
  return (gzip_.has_value() ? gzip_->BufferHighWater() : 0) + sse_reader_.BufferHighWater() +
         extractor_.BufferHighWater() + parser_.BufferHighWater();
}

void StreamScanner::Write(std::string_view bytes) noexcept { Scan(bytes); }

void StreamScanner::OnData(std::string_view piece) noexcept { extractor_.Feed(piece); }

void StreamScanner::OnEventEnd() noexcept { extractor_.EndUnit(); }

void StreamScanner::Scan(std::string_view decoded) noexcept {
  if (sse_) {
    sse_reader_.Feed(decoded);
  } else {
    extractor_.Feed(decoded);
  }
}

void StreamScanner::OnUnit(std::span<const stream::JsonCapture> captures) noexcept {
  const stream::JsonCapture& model = captures[kModelVersionSlot];
  if (!model.raw.empty() && parser_.ParseString(model.raw, model_version_)) {
    // Some answers name the served model as a resource ("models/gemini-2.5-pro"); receipts and
    // price keys take the bare name, as the meters of the other operations record it.
    if (const std::string_view bare = BareModelView(model_version_); !bare.empty()) {
      usage_.model_version.assign(bare);
    }
  }
  const stream::JsonCapture& usage = captures[kUsageSlot];
  if (usage.oversized) {
    ++usage_.oversized;
  } else if (!usage.raw.empty()) {
    TakeUsage(usage.raw);
  }
}

void StreamScanner::TakeUsage(std::string_view raw) noexcept {
  const UsageParse result = parser_.Parse(raw, report_);
  if (result == UsageParse::kMalformed) {
    ++usage_malformed_;
    return;
  }
  if (result == UsageParse::kReport) {
    usage_.units = report_.units;
    usage_.reported = true;
  }
  if (!report_.service_tier.empty()) {
    usage_.service_tier.assign(report_.service_tier);
  }
  if (!report_.traffic_type.empty()) {
    usage_.traffic_type.assign(report_.traffic_type);
  }
}

}  // namespace costgate::filters::gemini
