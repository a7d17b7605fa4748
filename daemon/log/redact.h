// Keeping secrets out of logs.
//
// Provider credentials travel in headers, which are never logged, and in the query string, which
// is (PROVIDERS.md A1, B1, C1, E18): key, $key, access_token, oauth_token, xi-api-key and whatever
// spelling a server also accepts. The query is therefore logged by allow-list, not deny-list: a
// value is shown only for a parameter known to carry nothing secret.
#pragma once

#include <string>
#include <string_view>

namespace costgate::daemon::log {

inline constexpr std::string_view kRedacted = "REDACTED";

// True when `name`, as it appears in a query (percent-encoded, any case), names a parameter whose
// value may be logged: response format and system parameters (alt, $alt, prettyPrint, fields,
// $.xgafv), uploads (uploadType, upload_type, upload_protocol), paging sizes (pageSize,
// page_size), Cloud TTS's languageCode and ElevenLabs' audio options (output_format,
// enable_logging, optimize_streaming_latency, model_id, ...). Names compare after
// percent-decoding and ASCII case-folding, as a server may read them.
bool IsLoggableQueryName(std::string_view name);

// The request target as it may appear in a log line. The path is kept. In the query, each
// parameter (split on '&', order and empty parameters kept):
//  - an allow-listed name (IsLoggableQueryName) with a plain value (at most 64 bytes of
//    letters, digits and "-._~,:*()") is kept as sent;
//  - any other parameter with '=' keeps its name and gets the value REDACTED ("key=REDACTED"),
//    provided the decoded name looks like a name (at most 64 bytes of letters, digits and
//    "-_.$"); otherwise the whole parameter is REDACTED;
//  - a parameter without '=' is kept when it is an allow-listed name ("prettyPrint"), and is
//    REDACTED whole otherwise (it could be a bare secret).
// A fragment becomes "#REDACTED" (a client may put anything there). A target that is not
// origin-form keeps its scheme and host but not its userinfo ("http://REDACTED@host/...").
std::string RedactTarget(std::string_view target);

// A configured http(s) URL for a log line: scheme, host, port and path, with userinfo replaced
// by REDACTED and query and fragment dropped (a feed or central URL may carry a token there).
std::string LoggableUrl(std::string_view url);

}  // namespace costgate::daemon::log
