#include "filters/body_coding.h"

namespace costgate::filters {

std::string_view TrimOws(std::string_view s) noexcept {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

BodyCoding ReadBodyCoding(const Headers& headers) noexcept {
  BodyCoding coding;
  int gzip_layers = 0;
  for (const Headers::Field& field : headers.fields()) {
    if (!EqualsIgnoreCase(field.name, "Content-Encoding")) {
      continue;
    }
    std::string_view rest = field.value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view name = TrimOws(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (name.empty() || EqualsIgnoreCase(name, "identity")) {
        continue;
      }
      if (EqualsIgnoreCase(name, "gzip") || EqualsIgnoreCase(name, "x-gzip")) {
        ++gzip_layers;
      } else {
        coding.undecodable = true;
      }
    }
  }
  coding.gzip = gzip_layers == 1;
  coding.undecodable = coding.undecodable || gzip_layers > 1;
  return coding;
}

}  // namespace costgate::filters
