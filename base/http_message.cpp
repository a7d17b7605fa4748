#include "base/http_message.h"

#include <algorithm>
#include <iterator>

namespace costgate::base {
namespace {

char AsciiLower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) {
      return false;
    }
  }
  return true;
}

const std::string* Headers::Find(std::string_view name) const noexcept {
  for (const auto& field : fields_) {
    if (EqualsIgnoreCase(field.name, name)) {
      return &field.value;
    }
  }
  return nullptr;
}

size_t Headers::Remove(std::string_view name) {
  const auto first = std::remove_if(fields_.begin(), fields_.end(), [name](const Field& field) {
    return EqualsIgnoreCase(field.name, name);
  });
  const auto removed = static_cast<size_t>(fields_.end() - first);
  fields_.erase(first, fields_.end());
  return removed;
}

void Headers::Set(std::string_view name, std::string value) {
  // The first field keeps its place (and the spelling of its name); duplicates go.
  auto first = std::find_if(fields_.begin(), fields_.end(), [name](const Field& field) {
    return EqualsIgnoreCase(field.name, name);
  });
  if (first == fields_.end()) {
    fields_.push_back({std::string(name), std::move(value)});
    return;
  }
  first->value = std::move(value);
  const auto rest = std::remove_if(std::next(first), fields_.end(), [&](const Field& field) {
    return EqualsIgnoreCase(field.name, first->name);
  });
  fields_.erase(rest, fields_.end());
}

std::string_view RequestHead::Path() const noexcept {
  const std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view RequestHead::Query() const noexcept {
  const std::string_view t = target;
  const size_t question = t.find('?');
  return question == std::string_view::npos ? std::string_view{} : t.substr(question + 1);
}

}  // namespace costgate::base
