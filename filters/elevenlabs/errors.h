// ElevenLabs shaped error bodies for replies costgate makes itself (filters/provider_errors.cpp
// picks them by provider).
#pragma once

#include <string>
#include <string_view>

namespace costgate::filters::elevenlabs {

// {"detail":{"status":"<reason>","message":"..."}} (PROVIDERS.md B3), which ElevenLabs' SDKs
// surface as the error's body. The HTTP status is the response's own; the body does not repeat it.
std::string ErrorBody(int http_status, std::string_view reason, std::string_view message);

}  // namespace costgate::filters::elevenlabs
