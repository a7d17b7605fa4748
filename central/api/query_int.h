// A query parameter read as a bounded integer, answering 400 when it is not one.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "central/api/api.h"
#include "central/api/query.h"

namespace costgate::central {

// The query parameter `name` as an integer in [min, max]; `fallback` when absent; else 400
// "invalid_query" naming it.
std::variant<int64_t, ApiResponse> QueryInt(const Query& query, std::string_view name, int64_t min,
                                            int64_t max, int64_t fallback);

}  // namespace costgate::central
