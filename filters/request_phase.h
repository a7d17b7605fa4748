// The request phase of one admitted request: OnRequest of each filter, in chain order, until one
// answers or asks for the request body (filters/chain.h, step 2). Written once, here, for the
// daemon and the tests.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

#include "filters/exchange.h"
#include "filters/filter.h"
#include "filters/task.h"

namespace costgate::filters {

// Ready on return when every filter answered without suspending: the synchronous chain costs no
// coroutine frame and no allocation. Otherwise a Task (not started) that carries on from the
// filter that suspended. `filters` and `x` must outlive the returned Task.
//
// Runs from filters[first]. A phase that stops at Next::kNeedBody is resumed by running it again
// with `first` = the index of the filter that asked, which `stopped_at` (when given; it must
// outlive the Task too) receives whenever the phase ends at a filter (kAnswered, kNeedBody).
Task<Next> RunRequestFilters(std::span<const std::unique_ptr<Filter>> filters, Exchange& x,
                             size_t first = 0, size_t* stopped_at = nullptr);

}  // namespace costgate::filters
