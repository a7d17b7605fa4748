// Browser sessions of people (central/store/account.h), the second way into /admin/v1 beside
// an admin-scoped API key (key_auth.h).
//
// The cookie: `costgate_session=<32 random bytes, base64url>; HttpOnly; SameSite=Strict; Path=/;
// Max-Age=<seconds to its absolute end>`, plus `Secure` when the request came over TLS
// (X-Forwarded-Proto: https from the reverse proxy that ends TLS). The store keeps only the
// token's SHA-256.
//
// Expiry: a session ends kSessionIdleMs after its last use or kSessionLifetimeMs after sign-in,
// whichever comes first; logout deletes it; ended ones are purged at each sign-in.
//
// Admission of a route that takes sessions (routes.h AcceptsSession), with no key presented:
//   - no cookie, an unknown or ended session, or its account gone: 401 "unauthenticated";
//   - a state change (any method but GET and HEAD) by a viewer: 403 "forbidden_role", unless
//     the route lets any role change it (RouteSpec::any_role: logout);
//   - a state change without X-CSRF-Token: 403 "csrf_token_missing"; with another token than
//     the session's: 403 "csrf_token_mismatch" (compared in constant time).
// The session's last use is written at most once per kSessionTouchMs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "central/api/api.h"
#include "central/api/session_user.h"
#include "central/store/store.h"

namespace costgate::central {

inline constexpr std::string_view kSessionCookie = "costgate_session";
inline constexpr int64_t kSessionIdleMs = int64_t{12} * 60 * 60 * 1000;
inline constexpr int64_t kSessionLifetimeMs = int64_t{7} * 24 * 60 * 60 * 1000;
inline constexpr int64_t kSessionTouchMs = 60'000;

// The value of cookie `name` in a Cookie header ("a=1; costgate_session=xyz"); "" when absent.
std::string_view CookieValue(std::string_view cookie_header, std::string_view name);

// The admission of `head` by its session cookie for a route of `spec`, as described above.
std::variant<SessionUser, ApiResponse> AdmitSession(Store& store, const ApiHead& head,
                                                    const RouteSpec& spec);

// A new session for `account` at `now`: stored, with the 200 body and Set-Cookie that sign the
// browser in (`status` 200 for a sign-in, 201 for setup).
ApiResponse StartSession(Store& store, const Account& account, const ApiRequest& request,
                         int status);

// {"user":{"username","role"},"csrf_token","expires_unix_ms"}: the session's expiry is its idle
// end or its absolute end, whichever comes first.
std::string SessionJson(const SessionUser& user);

// The Set-Cookie value that clears the session cookie.
std::string ClearedSessionCookie(const ApiRequest& request);

}  // namespace costgate::central
