// The one rule for text that names something: ids, labels, model and operation names, and the
// display fields people read (email, full name, project name).
//
// A value passes when it is at most its limit in bytes, valid UTF-8 (no overlong forms, no
// surrogates, nothing past U+10FFFF) and free of control characters (C0 U+0000..U+001F, DEL
// U+007F, C1 U+0080..U+009F). Central refuses a value that does not pass (400 naming the field);
// the proxy bounds what it copies from client or provider input onto a receipt with BoundText,
// so it never writes a receipt central would reject.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace costgate::base {

// Identifiers and labels: user, project, job and workspace ids, source_app, model, operation,
// status and every other short name.
inline constexpr size_t kMaxIdBytes = 256;
// Fields meant for people: email, full_name, a project's name.
inline constexpr size_t kMaxDisplayBytes = 1024;

enum class TextProblem : uint8_t {
  kNone,
  kTooLong,           // more than the limit's bytes
  kInvalidUtf8,       // a byte sequence that is not UTF-8
  kControlCharacter,  // C0, DEL or C1
};

// The first problem of `text` under a limit of `max_bytes` bytes; kTooLong wins over the others.
TextProblem CheckText(std::string_view text, size_t max_bytes) noexcept;

// What a value must be, for an error message: "must be at most 256 bytes", "must be valid
// UTF-8", "must not contain control characters"; "" for kNone.
std::string TextProblemReason(TextProblem problem, size_t max_bytes);

// `text` made to pass CheckText(max_bytes): every byte of an invalid sequence and every control
// character becomes U+FFFD, and the result ends at the last whole code point that fits. A text
// that passes comes back unchanged.
std::string BoundText(std::string_view text, size_t max_bytes);

}  // namespace costgate::base
