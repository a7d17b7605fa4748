#include "filters/vertex/errors.h"

#include "filters/google/rpc_error.h"

namespace costgate::filters::vertex {

std::string ErrorBody(int http_status, std::string_view reason, std::string_view message) {
  return google::ErrorBody(http_status, reason, message);
}

}  // namespace costgate::filters::vertex
