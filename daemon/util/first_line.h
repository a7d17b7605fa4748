// The first line of a small file holding a secret (an API key, a password, an HMAC secret), read
// when needed so that a secret replaced in its file is used without a restart. The value is
// never logged; a problem names no content.
#pragma once

#include <string>

namespace costgate::daemon::util {

struct FirstLine {
  enum class Problem { kNone, kUnreadable, kEmpty };
  std::string value;  // surrounding whitespace (and a CR) removed; empty unless kNone
  Problem problem = Problem::kNone;
  std::string reason;  // kUnreadable: the OS error ("No such file or directory")
};

FirstLine ReadFirstLine(const std::string& path);

}  // namespace costgate::daemon::util
