// A /v1 request body read into its typed request, or the 400 that refuses it.
#pragma once

#include <simdjson.h>

#include <string_view>
#include <utility>
#include <variant>

#include "central/api/api_error.h"
#include "central/api/json_read.h"

namespace costgate::central {

template <typename T>
std::variant<T, ApiResponse> ReadV1Body(
    std::string_view body, std::variant<T, FieldError> (*read)(simdjson::dom::element)) {
  simdjson::dom::element root;
  if (const auto error = ParseJsonBody(body).get(root)) {
    return InvalidJson(simdjson::error_message(error));
  }
  std::variant<T, FieldError> request = read(root);
  if (const FieldError* error = std::get_if<FieldError>(&request)) {
    return InvalidField(error->field, error->reason);
  }
  return std::move(std::get<T>(request));
}

}  // namespace costgate::central
