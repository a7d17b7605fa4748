#include "daemon/util/hostname.h"

#include <unistd.h>

#include <array>
#include <cstring>

namespace costgate::daemon::util {

std::string Hostname() {
  // HOST_NAME_MAX is 64 on Linux; the extra room keeps a truncated name NUL-terminated.
  std::array<char, 256> name{};
  if (gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') {
    return "unknown";
  }
  return std::string(name.data(), strnlen(name.data(), name.size()));
}

}  // namespace costgate::daemon::util
