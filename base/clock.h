// The wall clock, read in one place. Pure code (filters, pricing, central's handlers, the id and
// receipt formatters) takes the time as a parameter; only the I/O shell calls this: the
// daemon's workers when a request starts, the logger, the writer's upkeep, the CLI.
#pragma once

#include <cstdint>

namespace costgate::base {

// Milliseconds since the Unix epoch (UTC), from the system clock: it may step back or forward.
int64_t NowUnixMs() noexcept;

}  // namespace costgate::base
