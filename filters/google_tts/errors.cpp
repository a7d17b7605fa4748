#include "filters/google_tts/errors.h"

#include "filters/google/rpc_error.h"

namespace costgate::filters::google_tts {

std::string ErrorBody(int http_status, std::string_view reason, std::string_view message) {
  return google::ErrorBody(http_status, reason, message);
}

}  // namespace costgate::filters::google_tts
