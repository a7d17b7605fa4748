#include "filters/gemini/errors.h"

#include "filters/google/rpc_error.h"

namespace costgate::filters::gemini {

std::string ErrorBody(int http_status, std::string_view reason, std::string_view message) {
  return google::ErrorBody(http_status, reason, message);
}

}  // namespace costgate::filters::gemini
