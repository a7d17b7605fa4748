// Browser sessions against a real Api (api_harness.h): accounts made in the store, sign-ins and
// requests carrying the cookie and the CSRF token the way a browser and the dashboard send them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "central/api/api.h"
#include "tests/unit/central/api/api_harness.h"

// GCC 12 warns about members a designated initializer leaves to their defaults (GCC 14 no
// longer does); SessionCall is written that way on purpose: each call names only its headers.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace costgate::central::testing {

// A signed-in browser: the Cookie header value it sends and the CSRF token it was given.
struct Browser {
  std::string cookie;  // "costgate_session=..."
  std::string csrf;
};

// One request as a browser (or a script with a key) sends it; every header optional.
struct SessionCall {
  std::string_view method = "GET";
  std::string_view path;
  std::string_view body;
  std::string_view cookie;
  std::string_view csrf;
  std::string_view key;
  std::string_view forwarded_proto;
  std::string_view client = "192.0.2.1";
  int64_t now = kNow;
};

// Cheap scrypt parameters for test accounts (the hash records them; sign-in reads them back).
std::string TestPasswordHash(std::string_view password);

// Stores an account with this password (audited as "test").
void AddAccount(Store& store, std::string_view username, Role role, std::string_view password);

ApiResponse Send(Api& api, const SessionCall& call);

// POST /admin/v1/session with {"username","password"} from `client` at `now`.
ApiResponse Login(Api& api, std::string_view username, std::string_view password,
                  std::string_view client = "192.0.2.1", int64_t now = kNow);

// The browser a successful sign-in (or setup) answer makes: its cookie and CSRF token. Test
// failure when the answer set no cookie.
Browser BrowserFrom(const ApiResponse& signed_in);

// Signs in (the account must exist) and returns the browser.
Browser SignIn(Api& api, std::string_view username, std::string_view password);

}  // namespace costgate::central::testing
