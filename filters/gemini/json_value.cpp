#include "filters/gemini/json_value.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>

namespace costgate::filters::gemini {
namespace {

namespace dom = simdjson::dom;

// One parser per thread: captured values are small, and parses never interleave.
dom::parser& LocalParser() {
  static thread_local dom::parser parser;
  return parser;
}

std::optional<dom::element> Parse(std::string_view raw) {
  if (raw.empty()) {
    return std::nullopt;
  }
  dom::element element;
  if (LocalParser().parse(raw.data(), raw.size()).get(element) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return element;
}

std::optional<int64_t> CountOf(dom::element element) {
  int64_t integer = 0;
  if (element.get_int64().get(integer) == simdjson::SUCCESS) {
    return integer >= 0 ? std::optional<int64_t>(integer) : std::nullopt;
  }
  double real = 0;
  if (element.get_double().get(real) == simdjson::SUCCESS) {
    // Google's JSON sometimes spells integers as 8.0; a fraction is not a count.
    if (real >= 0 && real < 9.0e18 && std::floor(real) == real) {
      return static_cast<int64_t>(real);
    }
    return std::nullopt;
  }
  std::string_view text;
  if (element.get_string().get(text) == simdjson::SUCCESS && !text.empty()) {
    int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size() && n >= 0) {
      return n;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> JsonString(std::string_view raw) {
  const auto element = Parse(raw);
  std::string_view text;
  if (!element || element->get_string().get(text) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<int64_t> JsonCount(std::string_view raw) {
  const auto element = Parse(raw);
  return element ? CountOf(*element) : std::nullopt;
}

std::optional<int64_t> JsonCountAt(std::string_view raw, std::string_view key,
                                   std::string_view nested_key) {
  const auto element = Parse(raw);
  dom::element value;
  if (!element || element->at_key(key).get(value) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (!nested_key.empty() && value.at_key(nested_key).get(value) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return CountOf(value);
}

std::string_view BareModelView(std::string_view name) noexcept {
  constexpr std::string_view kModels = "models/";
  if (const size_t at = name.rfind(kModels);
      at != std::string_view::npos && (at == 0 || name[at - 1] == '/')) {
    name.remove_prefix(at + kModels.size());
  } else if (name.starts_with("google/")) {
    name.remove_prefix(std::string_view("google/").size());
  }
  return name;
}

std::string BareModelName(std::string_view name) { return std::string(BareModelView(name)); }

}  // namespace costgate::filters::gemini
