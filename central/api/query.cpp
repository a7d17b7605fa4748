#include "central/api/query.h"

#include <optional>

#include "central/api/percent.h"

namespace costgate::central {

const std::string* Query::Find(std::string_view name) const {
  for (const QueryParam& param : params_) {
    if (param.name == name) {
      return &param.value;
    }
  }
  return nullptr;
}

std::vector<std::string_view> Query::All(std::string_view name) const {
  std::vector<std::string_view> values;
  for (const QueryParam& param : params_) {
    if (param.name == name) {
      values.push_back(param.value);
    }
  }
  return values;
}

std::variant<Query, QueryError> ParseQuery(std::string_view text) {
  std::vector<QueryParam> params;
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const size_t eq = pair.find('=');
    const std::string_view raw_name = pair.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    std::optional<std::string> name = PercentDecode(raw_name, PlusIs::kSpace);
    if (!name) {
      return QueryError{std::string(raw_name)};
    }
    std::optional<std::string> value = PercentDecode(raw_value, PlusIs::kSpace);
    if (!value) {
      return QueryError{std::move(*name)};
    }
    params.push_back({std::move(*name), std::move(*value)});
  }
  return Query(std::move(params));
}

}  // namespace costgate::central
