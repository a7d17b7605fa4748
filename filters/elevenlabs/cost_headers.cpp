#include "filters/elevenlabs/cost_headers.h"

#include <charconv>
#include <string_view>

namespace costgate::filters::elevenlabs {
namespace {

std::optional<int64_t> ReadCount(const Headers& headers, std::string_view name) noexcept {
  const std::string* value = headers.Find(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  std::string_view text = *value;
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  text = text.substr(first, text.find_last_not_of(" \t") - first + 1);
  int64_t count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error != std::errc() || end != text.data() + text.size() || count < 0 ||
      text.front() == '-') {
    return std::nullopt;
  }
  return count;
}

}  // namespace

HeaderCost ReadCostHeaders(const Headers& headers) noexcept {
  return {.credits = ReadCount(headers, "character-cost"),
          .characters = ReadCount(headers, "x-character-count")};
}

}  // namespace costgate::filters::elevenlabs
