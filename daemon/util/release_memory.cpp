#include "daemon/util/release_memory.h"

#include <malloc.h>

#include <cstddef>

// Present when the binary links jemalloc (COSTGATE_JEMALLOC), absent (null) otherwise: a weak
// reference keeps one build for both allocators.
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen)
    __attribute__((weak));

namespace costgate::daemon::util {

void ReleaseFreedMemory() noexcept {
  if (mallctl != nullptr) {
    // "arena.<MALLCTL_ARENAS_ALL>.purge": every arena returns its unused dirty pages now.
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
  malloc_trim(0);
}

}  // namespace costgate::daemon::util
