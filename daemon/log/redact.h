// Keeping secrets out of logs.
#pragma once

#include <string>
#include <string_view>

namespace costgate::daemon::log {

// The request target with the value of every query parameter named `key`, `api_key` or
// `access_token` replaced by "REDACTED". Names match case-insensitively and after
// percent-decoding ("API%5Fkey" counts), because a server may decode them that way. Everything
// else, including parameter order and the path, is returned unchanged.
std::string RedactTarget(std::string_view target);

}  // namespace costgate::daemon::log
