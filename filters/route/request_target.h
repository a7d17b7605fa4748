// Which request targets costgate forwards at all.
//
// A target is forwarded byte for byte (minus a route prefix), so it must mean the same thing to
// every parser on the way: the router here, the upstream's frontend, and whatever sits behind it.
// Anything a server might normalise differently is refused rather than normalised.
#pragma once

#include <string_view>

namespace costgate::filters {

// Empty when `target` is a safe origin-form target; otherwise what is wrong with it, for the
// 400 message. Refused: anything not starting with '/' (absolute-form, authority-form, "*"),
// empty segments ("//"), "." and ".." segments (also percent-encoded or before a ';'),
// encoded '/', '\' or NUL in the path, malformed percent escapes, and bytes that must be
// percent-encoded (controls, space, '\', '#', non-ASCII).
std::string_view RequestTargetProblem(std::string_view target) noexcept;

}  // namespace costgate::filters
