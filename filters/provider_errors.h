// Each provider's error body shape, by provider name: how the generic local reply
// (local_reply.h) answers in the shape a provider's SDKs parse without naming any provider.
#pragma once

#include <string>
#include <string_view>

namespace costgate::filters {

// A provider folder's ErrorBody (gemini/errors.h, ...): the JSON body of a reply costgate makes
// itself, carrying the HTTP status, the snake_case reason code and the message.
using ErrorBodyFn = std::string (*)(int http_status, std::string_view reason,
                                    std::string_view message);

// The error body of `provider` (Exchange::provider), or nullptr when it has no shape of its own:
// unrouted ("") or unknown.
ErrorBodyFn ProviderErrorBody(std::string_view provider) noexcept;

// The HTTP status with which `provider` itself refuses a call its account cannot pay for (quota
// or credits exhausted). A budget deny answers with it, so that the provider's SDKs treat the
// refusal as they treat the provider's own, retry policy included. 429 for an unrouted or
// unknown provider.
int ProviderQuotaStatus(std::string_view provider) noexcept;

}  // namespace costgate::filters
