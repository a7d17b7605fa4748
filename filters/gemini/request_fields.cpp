#include "filters/gemini/request_fields.h"

namespace costgate::filters::gemini {

RequestFields::RequestFields(std::span<const std::string_view> keys, size_t max_value_bytes)
    : extractor_(stream::JsonFraming::kValues, keys, max_value_bytes, *this) {}

void RequestFields::OnUnit(std::span<const stream::JsonCapture> captures) noexcept {
  for (size_t i = 0; i < captures.size() && i < values_.size(); ++i) {
    try {
      values_[i].assign(captures[i].raw);
    } catch (...) {
      values_[i].clear();  // no memory: the field reads as absent
    }
  }
}

}  // namespace costgate::filters::gemini
