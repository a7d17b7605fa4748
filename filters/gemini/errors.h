// Gemini / Vertex AI shaped error bodies for replies costgate makes itself.
//
// The official SDKs parse `error.code`, `error.message` and `error.status` and ignore fields
// they do not know, so our reason code travels as a google.rpc.ErrorInfo detail, which the
// SDKs already understand and expose.
#pragma once

#include <string>
#include <string_view>

namespace costgate::filters::gemini {

// {"error":{"code":502,"message":"...","status":"UNAVAILABLE","details":[{"@type":
// "type.googleapis.com/google.rpc.ErrorInfo","reason":"UPSTREAM_CONNECT_FAILED",
// "domain":"costgate"}]}}; `reason` is snake_case and is upper-cased as ErrorInfo requires.
std::string ErrorBody(int http_status, std::string_view reason, std::string_view message);

}  // namespace costgate::filters::gemini
