// Whether a file the configuration names can be used, and if not, why: the one check behind
// `costgate check-config`, the start and SIGHUP reload of both roles (daemon/roles/config_files.h)
// and the TLS setup that loads a CA file (daemon/upstream/upstream_target.h).
#pragma once

#include <cstddef>
#include <string>

namespace costgate::daemon::util {

// A CA bundle is a few hundred KiB; anything far larger is not one (and is not read whole).
inline constexpr size_t kMaxCaFileBytes = 16 * 1024 * 1024;

// Empty when `path` opens for reading as a regular file (symlinks followed; relative to the
// working directory). Otherwise the reason: the OS error ("No such file or directory",
// "Permission denied", "Is a directory") or "not a regular file" (a FIFO or device could block
// the reader forever).
std::string UnreadableFileReason(const std::string& path);

// Empty when `path` is readable (as above) and holds at least one PEM certificate that parses
// as TLS verification will load it. Otherwise the reason: the OS error, "no PEM certificates",
// "malformed PEM: <OpenSSL's reason>" or "larger than kMaxCaFileBytes bytes". Leaves the calling
// thread's OpenSSL error queue empty.
std::string UnusableCaFileReason(const std::string& path);

}  // namespace costgate::daemon::util
