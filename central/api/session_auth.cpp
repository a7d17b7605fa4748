#include "central/api/session_auth.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <optional>

#include "base/http_message.h"
#include "base/sha256.h"
#include "central/api/api_error.h"
#include "central/api/json_members.h"
#include "central/keys/password_hash.h"

namespace costgate::central {
namespace {

bool ChangesState(std::string_view method) { return method != "GET" && method != "HEAD"; }

bool OverTls(const ApiRequest& request) {
  return base::EqualsIgnoreCase(request.forwarded_proto, "https");
}

// The cookie's attributes after its value: Max-Age in seconds.
std::string CookieAttributes(const ApiRequest& request, int64_t max_age_s) {
  std::string out = "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" + std::to_string(max_age_s);
  if (OverTls(request)) {
    out += "; Secure";
  }
  return out;
}

ApiResponse Unauthenticated(std::string_view why) {
  return ErrorResponse(401, "unauthenticated", why);
}

int64_t EffectiveExpiry(const Session& session) {
  return std::min(session.expires_unix_ms, session.last_seen_unix_ms + kSessionIdleMs);
}

}  // namespace

std::string_view CookieValue(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    const size_t semicolon = cookie_header.find(';');
    std::string_view pair = cookie_header.substr(0, semicolon);
    cookie_header = semicolon == std::string_view::npos ? "" : cookie_header.substr(semicolon + 1);
    while (!pair.empty() && pair.front() == ' ') {
      pair.remove_prefix(1);
    }
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      std::string_view value = pair.substr(equals + 1);
      while (!value.empty() && value.back() == ' ') {
        value.remove_suffix(1);
      }
      return value;
    }
  }
  return {};
}

std::variant<SessionUser, ApiResponse> AdmitSession(Store& store, const ApiHead& head,
                                                    const RouteSpec& spec) {
  const std::string_view token = CookieValue(head.cookie, kSessionCookie);
  if (token.empty()) {
    return Unauthenticated("sign in (POST /admin/v1/session) or send an admin API key");
  }
  const std::string token_hash = base::Sha256Hex(token);
  StoreResult<std::optional<Session>> found = store.FindSession(token_hash);
  if (std::holds_alternative<StoreError>(found)) {
    return StoreUnavailable();
  }
  const std::optional<Session>& session = std::get<std::optional<Session>>(found);
  if (!session || EffectiveExpiry(*session) <= head.now_unix_ms) {
    return Unauthenticated("the session has ended: sign in again");
  }
  StoreResult<std::optional<Account>> account = store.FindAccount(session->username);
  if (std::holds_alternative<StoreError>(account)) {
    return StoreUnavailable();
  }
  const std::optional<Account>& person = std::get<std::optional<Account>>(account);
  if (!person) {
    return Unauthenticated("the session's account no longer exists");
  }
  if (ChangesState(head.method)) {
    if (person->role != Role::kAdmin && !spec.any_role) {
      return ErrorResponse(403, "forbidden_role", "a viewer may only read");
    }
    if (head.csrf_token.empty()) {
      return ErrorResponse(403, "csrf_token_missing",
                           "a change needs the session's X-CSRF-Token header");
    }
    if (head.csrf_token.size() != session->csrf_token.size() ||
        CRYPTO_memcmp(head.csrf_token.data(), session->csrf_token.data(),
                      session->csrf_token.size()) != 0) {
      return ErrorResponse(403, "csrf_token_mismatch", "X-CSRF-Token is not this session's token");
    }
  }
  Session seen = *session;
  if (head.now_unix_ms - session->last_seen_unix_ms >= kSessionTouchMs) {
    // Bookkeeping, like a key's last use: a failed write must not refuse a valid session.
    if (!store.TouchSession(token_hash, head.now_unix_ms)) {
      seen.last_seen_unix_ms = head.now_unix_ms;
    }
  }
  return SessionUser{person->username, person->role, token_hash, session->csrf_token,
                     EffectiveExpiry(seen)};
}

std::string SessionJson(const SessionUser& user) {
  std::string out = R"({"user":{)";
  JsonMember(out, "username", user.username);
  JsonMember(out, "role", RoleName(user.role));
  out += '}';
  JsonMember(out, "csrf_token", user.csrf_token);
  JsonMember(out, "expires_unix_ms", user.expires_unix_ms);
  out += '}';
  return out;
}

ApiResponse StartSession(Store& store, const Account& account, const ApiRequest& request,
                         int status) {
  const std::string token = RandomToken();
  const int64_t now = request.now_unix_ms;
  Session session;
  session.token_hash = base::Sha256Hex(token);
  session.csrf_token = RandomToken();
  session.username = account.username;
  session.created_unix_ms = now;
  session.expires_unix_ms = now + kSessionLifetimeMs;
  session.last_seen_unix_ms = now;
  if (store.CreateSession(session, now - kSessionIdleMs)) {
    return StoreUnavailable();
  }
  ApiResponse response;
  response.status = status;
  response.body = SessionJson({account.username, account.role, session.token_hash,
                               session.csrf_token, EffectiveExpiry(session)});
  response.headers.push_back(
      {"Set-Cookie", std::string(kSessionCookie) + "=" + token +
                         CookieAttributes(request, kSessionLifetimeMs / 1000)});
  // A session's body holds its CSRF token: no cache may keep it.
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

std::string ClearedSessionCookie(const ApiRequest& request) {
  return std::string(kSessionCookie) + "=" + CookieAttributes(request, 0);
}

}  // namespace costgate::central
