// A request path as its non-empty '/'-separated segments, for the providers' classifiers.
#pragma once

#include <string_view>
#include <vector>

namespace costgate::filters {

// "/v1beta/models/x:generateContent" -> {"v1beta", "models", "x:generateContent"}; empty
// segments ("//", a leading or trailing '/') are dropped. Views into `path`.
std::vector<std::string_view> SplitPathSegments(std::string_view path);

}  // namespace costgate::filters
