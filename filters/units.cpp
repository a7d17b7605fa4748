#include "filters/units.h"

#include "filters/json_text.h"

namespace costgate::filters {

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
    AppendJsonKey(out, name);
    AppendJsonInt(out, value);
  }
  out.push_back('}');
  return out;
}

}  // namespace costgate::filters
