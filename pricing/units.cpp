#include "pricing/units.h"

#include <charconv>

namespace costgate::pricing {

void Units::Set(std::string_view name, int64_t value) {
  for (auto& entry : entries_) {
    if (entry.first == name) {
      entry.second = value;
      return;
    }
  }
  entries_.emplace_back(name, value);
}

std::optional<int64_t> Units::Get(std::string_view name) const noexcept {
  for (const auto& entry : entries_) {
    if (entry.first == name) {
      return entry.second;
    }
  }
  return std::nullopt;
}

std::string Units::ToJson() const {
  std::string out = "{";
  for (const auto& [name, value] : entries_) {
    if (out.size() > 1) {
      out.push_back(',');
    }
    // Unit names are identifiers ([a-z0-9_]+, see units.h): nothing to escape.
    out.push_back('"');
    out.append(name);
    out.append("\":");
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), value);
    out.append(digits, end);
  }
  out.push_back('}');
  return out;
}

}  // namespace costgate::pricing
