#include "central/api/query_int.h"

#include <charconv>
#include <string>

#include "central/api/api_error.h"

namespace costgate::central {

std::variant<int64_t, ApiResponse> QueryInt(const Query& query, std::string_view name, int64_t min,
                                            int64_t max, int64_t fallback) {
  const std::string* text = query.Find(name);
  if (text == nullptr) {
    return fallback;
  }
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return ErrorResponse(400, "invalid_query",
                         std::string(name) + " must be an integer from " + std::to_string(min) +
                             " to " + std::to_string(max),
                         name);
  }
  return value;
}

}  // namespace costgate::central
