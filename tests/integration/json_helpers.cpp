#include "tests/integration/json_helpers.h"

#include <simdjson.h>

namespace costgate::integration {
namespace {

simdjson::simdjson_result<simdjson::dom::element> At(simdjson::dom::parser& parser,
                                                     std::string_view json,
                                                     std::string_view pointer) {
  auto document = parser.parse(simdjson::padded_string(json));
  if (document.error()) {
    return document;
  }
  return document.value().at_pointer(pointer);
}

}  // namespace

std::optional<std::string> JsonString(std::string_view json, std::string_view pointer) {
  simdjson::dom::parser parser;
  std::string_view value;
  if (At(parser, json, pointer).get_string().get(value) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return std::string(value);
}

std::optional<int64_t> JsonInt(std::string_view json, std::string_view pointer) {
  simdjson::dom::parser parser;
  int64_t value = 0;
  if (At(parser, json, pointer).get_int64().get(value) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return value;
}

std::optional<size_t> JsonArraySize(std::string_view json, std::string_view pointer) {
  simdjson::dom::parser parser;
  simdjson::dom::array array;
  if (At(parser, json, pointer).get_array().get(array) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return array.size();
}

std::optional<std::map<std::string, int64_t>> JsonIntObject(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (At(parser, json, "").get_object().get(object) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  std::map<std::string, int64_t> result;
  for (auto field : object) {
    int64_t value = 0;
    if (field.value.get_int64().get(value) != simdjson::SUCCESS) {
      return std::nullopt;
    }
    result.emplace(std::string(field.key), value);
  }
  return result;
}

}  // namespace costgate::integration
