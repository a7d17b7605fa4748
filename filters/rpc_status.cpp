#include "filters/rpc_status.h"

namespace costgate::filters {

std::string_view RpcStatusName(int http_status) noexcept {
  switch (http_status) {
    case 400:
      return "INVALID_ARGUMENT";
    case 401:
      return "UNAUTHENTICATED";
    case 403:
      return "PERMISSION_DENIED";
    case 404:
      return "NOT_FOUND";
    case 408:
    case 504:
      return "DEADLINE_EXCEEDED";
    case 409:
      return "ABORTED";
    case 412:
      return "FAILED_PRECONDITION";
    // google.rpc has no code for "too large". Google's own frontends answer an oversized payload
    // with INVALID_ARGUMENT, and the SDKs' retry policies retry RESOURCE_EXHAUSTED / UNAVAILABLE
    // but not INVALID_ARGUMENT: the same request will never fit, so it must not be retried.
    case 413:
    case 414:
    case 431:
      return "INVALID_ARGUMENT";
    case 429:
      return "RESOURCE_EXHAUSTED";
    case 499:
      return "CANCELLED";
    case 500:
      return "INTERNAL";
    case 501:
      return "UNIMPLEMENTED";
    case 502:
    case 503:
      return "UNAVAILABLE";
    default:
      return "UNKNOWN";
  }
}

}  // namespace costgate::filters
