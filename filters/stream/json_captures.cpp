#include "filters/stream/json_captures.h"

#include <algorithm>

namespace costgate::filters::stream {

JsonCaptures::JsonCaptures(std::span<const std::string_view> keys, size_t max_bytes) noexcept
    : max_bytes_(max_bytes), count_(std::min(keys.size(), kMaxKeys)) {
  std::copy_n(keys.begin(), count_, keys_.begin());
}

int JsonCaptures::Match(std::string_view key) const noexcept {
  for (size_t i = 0; i < count_; ++i) {
    if (keys_[i] == key) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

void JsonCaptures::Start(int slot) noexcept {
  const auto i = static_cast<size_t>(slot);
  buffers_[i].clear();
  complete_[i] = false;
  oversized_[i] = false;
}

void JsonCaptures::Append(int slot, std::string_view bytes) noexcept {
  const auto i = static_cast<size_t>(slot);
  if (oversized_[i]) {
    return;
  }
  std::string& buffer = buffers_[i];
  // Checked before copying, so an oversized value never occupies more than the limit.
  if (bytes.size() > max_bytes_ - buffer.size()) {
    oversized_[i] = true;
    buffer.clear();
    return;
  }
  buffer.append(bytes);
  size_t total = 0;
  for (size_t k = 0; k < count_; ++k) {
    total += buffers_[k].capacity();
  }
  high_water_ = std::max(high_water_, total);
}

void JsonCaptures::End(int slot) noexcept {
  const auto i = static_cast<size_t>(slot);
  complete_[i] = !oversized_[i];
}

std::span<const JsonCapture> JsonCaptures::View() noexcept {
  for (size_t i = 0; i < count_; ++i) {
    view_[i].raw = complete_[i] ? std::string_view(buffers_[i]) : std::string_view();
    view_[i].oversized = oversized_[i];
  }
  return {view_.data(), count_};
}

void JsonCaptures::Clear() noexcept {
  for (size_t i = 0; i < count_; ++i) {
    buffers_[i].clear();
    complete_[i] = false;
    oversized_[i] = false;
  }
}

}  // namespace costgate::filters::stream
