// First-level fields of a JSON request body, read as the body streams to the upstream.
//
// Built on stream::JsonFieldExtractor: every value but the chosen keys' is skipped unbuffered
// (a base64 image in `instances` costs nothing), and a chosen value larger than the limit is
// dropped. Pure: no I/O, never throws.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "filters/stream/json_field_extractor.h"

namespace costgate::filters::gemini {

class RequestFields final : private stream::JsonUnitConsumer {
 public:
  static constexpr size_t kMaxKeys = stream::JsonFieldExtractor::kMaxKeys;

  // `keys` (at most kMaxKeys) must outlive this object.
  explicit RequestFields(std::span<const std::string_view> keys, size_t max_value_bytes = 4096);

  void Feed(std::string_view chunk) noexcept { extractor_.Feed(chunk); }

  // The raw JSON of keys[i] once the body's object closed; empty when absent or too large.
  std::string_view Raw(size_t i) const noexcept {
    return i < values_.size() ? std::string_view(values_[i]) : std::string_view();
  }

 private:
  void OnUnit(std::span<const stream::JsonCapture> captures) noexcept override;

  stream::JsonFieldExtractor extractor_;
  std::array<std::string, kMaxKeys> values_;
};

}  // namespace costgate::filters::gemini
