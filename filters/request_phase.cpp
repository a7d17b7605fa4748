#include "filters/request_phase.h"

namespace costgate::filters {

namespace {

// The slow path, entered at the first filter that suspended (index `at`): only then is a frame
// allocated.
Task<Next> FinishRequestFilters(Task<Next> suspended,
                                std::span<const std::unique_ptr<Filter>> filters, size_t at,
                                Exchange& x, size_t* stopped_at) {
  Next next = co_await std::move(suspended);
  while (next == Next::kContinue && ++at < filters.size()) {
    next = co_await filters[at]->OnRequest(x);
  }
  if (next != Next::kContinue && stopped_at != nullptr) {
    *stopped_at = at;
  }
  co_return next;
}

}  // namespace

Task<Next> RunRequestFilters(std::span<const std::unique_ptr<Filter>> filters, Exchange& x,
                             size_t first, size_t* stopped_at) {
  for (size_t i = first; i < filters.size(); ++i) {
    Task<Next> next = filters[i]->OnRequest(x);
    if (!next.ready()) {
      return FinishRequestFilters(std::move(next), filters, i, x, stopped_at);
    }
    if (next.value() != Next::kContinue) {
      if (stopped_at != nullptr) {
        *stopped_at = i;
      }
      return next.value();
    }
  }
  return Next::kContinue;
}

}  // namespace costgate::filters
