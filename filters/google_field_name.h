// Google's JSON transcoder in front of its APIs accepts a request field by its JSON name
// (lowerCamel) and by its proto name (snake_case): a request may use either.
#pragma once

#include <string_view>

namespace costgate::filters {

inline bool IsGoogleField(std::string_view key, std::string_view json_name,
                          std::string_view proto_name) {
  return key == json_name || key == proto_name;
}

}  // namespace costgate::filters
