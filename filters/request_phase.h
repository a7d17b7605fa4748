// The request phase of one admitted request: OnRequest of each filter, in chain order, until one
// answers (filters/chain.h, step 2). Written once, here, for the daemon and the tests.
#pragma once

#include <memory>
#include <span>

#include "filters/exchange.h"
#include "filters/filter.h"
#include "filters/task.h"

namespace costgate::filters {

// Ready on return when every filter answered without suspending: the synchronous chain costs no
// coroutine frame and no allocation. Otherwise a Task (not started) that carries on from the
// filter that suspended. `filters` and `x` must outlive the returned Task.
Task<Next> RunRequestFilters(std::span<const std::unique_ptr<Filter>> filters, Exchange& x);

}  // namespace costgate::filters
