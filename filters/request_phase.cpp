#include "filters/request_phase.h"

namespace costgate::filters {

namespace {

// The slow path, entered at the first filter that suspended: only then is a frame allocated.
Task<Next> FinishRequestFilters(Task<Next> suspended, std::span<const std::unique_ptr<Filter>> rest,
                                Exchange& x) {
  if (co_await std::move(suspended) == Next::kAnswered) {
    co_return Next::kAnswered;
  }
  for (const auto& filter : rest) {
    if (co_await filter->OnRequest(x) == Next::kAnswered) {
      co_return Next::kAnswered;
    }
  }
  co_return Next::kContinue;
}

}  // namespace

Task<Next> RunRequestFilters(std::span<const std::unique_ptr<Filter>> filters, Exchange& x) {
  for (size_t i = 0; i < filters.size(); ++i) {
    Task<Next> next = filters[i]->OnRequest(x);
    if (!next.ready()) {
      return FinishRequestFilters(std::move(next), filters.subspan(i + 1), x);
    }
    if (next.value() == Next::kAnswered) {
      return Next::kAnswered;
    }
  }
  return Next::kContinue;
}

}  // namespace costgate::filters
