// ElevenLabs shaped error bodies for replies costgate makes itself (filters/provider_errors.cpp
// picks them by provider).
#pragma once

#include <string>
#include <string_view>

namespace costgate::filters::elevenlabs {

// {"detail":{"status":"<reason>","message":"..."}} (PROVIDERS.md B3), which ElevenLabs' SDKs
// surface as the error's body. The HTTP status is the response's own; the body does not repeat it.
std::string ErrorBody(int http_status, std::string_view reason, std::string_view message);

// ElevenLabs refuses a call over the account's credits with 401 {"detail":{"status":
// "quota_exceeded",...}} (PROVIDERS.md B3), not 429: its SDKs retry 408, 429 and 5xx (the JS SDK
// twice, waiting Retry-After up to 60 s each time) but not 401, so a refusal that will not pass
// before the period ends must be a 401 to fail at once.
inline constexpr int kQuotaExceededStatus = 401;

}  // namespace costgate::filters::elevenlabs
