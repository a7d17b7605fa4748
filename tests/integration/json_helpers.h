// Small JSON readers for assertions (simdjson DOM), addressed by JSON pointer ("/error/code").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace costgate::integration {

std::optional<std::string> JsonString(std::string_view json, std::string_view pointer);
std::optional<int64_t> JsonInt(std::string_view json, std::string_view pointer);
// Number of elements of the array at `pointer`; nullopt if absent or not an array.
std::optional<size_t> JsonArraySize(std::string_view json, std::string_view pointer);
// A flat object of integers, e.g. units_json {"input_tokens":14}; nullopt if it is anything else.
std::optional<std::map<std::string, int64_t>> JsonIntObject(std::string_view json);

}  // namespace costgate::integration
