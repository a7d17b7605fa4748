#include "filters/receipt.h"

namespace costgate::filters {

std::string_view OutcomeName(Outcome o) noexcept {
  switch (o) {
    case Outcome::kSuccess:
      return "success";
    case Outcome::kUpstreamError:
      return "upstream_error";
    case Outcome::kCancelled:
      return "cancelled";
    case Outcome::kInterrupted:
      return "interrupted";
    case Outcome::kDenied:
      return "denied";
  }
  return "unknown";
}

}  // namespace costgate::filters
