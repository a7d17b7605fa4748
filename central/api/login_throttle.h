// Login rate limiting: counts failed sign-ins per username and per client address in a fixed
// window, so that guessing passwords is slow whichever of the two an attacker varies.
//
// In memory, on the thread that answers sign-ins (the store's writer): a restart forgets the
// counts, which costs an attacker a restart of central per window. Plain code, time passed in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace costgate::central {

struct LoginLimits {
  int max_failures_per_user = 5;
  int max_failures_per_address = 20;
  int64_t window_ms = 15 * 60 * 1000;
  size_t max_tracked = 10'000;  // per map; the oldest windows are dropped past this
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginLimits limits = {}) : limits_(limits) {}

  // Seconds until a sign-in for `username` from `address` may be tried again; nullopt when it
  // may be tried now.
  std::optional<int64_t> RetryAfterSeconds(std::string_view username, std::string_view address,
                                           int64_t now_unix_ms) const;
  void RecordFailure(std::string_view username, std::string_view address, int64_t now_unix_ms);
  // A success clears the username's count (not the address's: one good password from an
  // address guessing others must not reset its count).
  void RecordSuccess(std::string_view username);

 private:
  struct Window {
    int64_t start_unix_ms = 0;
    int failures = 0;
  };
  using Windows = std::unordered_map<std::string, Window>;

  std::optional<int64_t> Blocked(const Windows& windows, std::string_view name, int max,
                                 int64_t now_unix_ms) const;
  void Count(Windows& windows, std::string_view name, int64_t now_unix_ms);

  LoginLimits limits_;
  Windows by_user_;
  Windows by_address_;
};

}  // namespace costgate::central
