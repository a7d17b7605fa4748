// Google's API error body (google.rpc.Status as JSON) for replies costgate makes itself: the
// shape Gemini, Vertex AI and Cloud TTS all answer errors in, so their provider folders share it.
//
// The official SDKs parse `error.code`, `error.message` and `error.status` and ignore fields
// they do not know, so our reason code travels as a google.rpc.ErrorInfo detail, which the
// SDKs already understand and expose.
#pragma once

#include <string>
#include <string_view>

namespace costgate::filters::google {

// {"error":{"code":502,"message":"...","status":"UNAVAILABLE","details":[{"@type":
// "type.googleapis.com/google.rpc.ErrorInfo","reason":"UPSTREAM_CONNECT_FAILED",
// "domain":"costgate"}]}}; `reason` is snake_case and is upper-cased as ErrorInfo requires.
std::string ErrorBody(int http_status, std::string_view reason, std::string_view message);

}  // namespace costgate::filters::google
