// Google Cloud Text-to-Speech shaped error bodies for replies costgate makes itself
// (filters/provider_errors.cpp picks them by provider).
#pragma once

#include <string>
#include <string_view>

namespace costgate::filters::google_tts {

// Google's error shape, google.rpc.Status (filters/google/rpc_error.h): Google Cloud
// Text-to-Speech's SDKs parse it.
std::string ErrorBody(int http_status, std::string_view reason, std::string_view message);

}  // namespace costgate::filters::google_tts
