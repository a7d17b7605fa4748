// The machine's hostname, as stamped on every receipt.
#pragma once

#include <string>

namespace costgate::daemon::util {

// gethostname(2); "unknown" if it fails. Read once at startup: the result is not cached here.
std::string Hostname();

}  // namespace costgate::daemon::util
