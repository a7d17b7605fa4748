// Hands memory freed by a large one-off job back to the operating system.
#pragma once

namespace costgate::daemon::util {

// Loading the price book parses a 1.6 MB catalogue and frees some 10 MB of parser buffers on the
// loading thread. With jemalloc those pages stay with that thread's arena until it allocates
// again, which the main thread rarely does: purged here, they leave the process's RSS. Works
// with glibc malloc too (malloc_trim). Cheap enough to call after every book load, never on
// the request path.
void ReleaseFreedMemory() noexcept;

}  // namespace costgate::daemon::util
