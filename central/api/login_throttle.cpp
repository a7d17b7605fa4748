#include "central/api/login_throttle.h"

#include <algorithm>

namespace costgate::central {

std::optional<int64_t> LoginThrottle::Blocked(const Windows& windows, std::string_view name,
                                              int max, int64_t now_unix_ms) const {
  const auto found = windows.find(std::string(name));
  if (found == windows.end() || found->second.failures < max) {
    return std::nullopt;
  }
  const int64_t left_ms = found->second.start_unix_ms + limits_.window_ms - now_unix_ms;
  if (left_ms <= 0) {
    return std::nullopt;
  }
  return std::max<int64_t>(1, (left_ms + 999) / 1000);
}

std::optional<int64_t> LoginThrottle::RetryAfterSeconds(std::string_view username,
                                                        std::string_view address,
                                                        int64_t now_unix_ms) const {
  const std::optional<int64_t> user =
      Blocked(by_user_, username, limits_.max_failures_per_user, now_unix_ms);
  const std::optional<int64_t> client =
      Blocked(by_address_, address, limits_.max_failures_per_address, now_unix_ms);
  if (user && client) {
    return std::max(*user, *client);
  }
  return user ? user : client;
}

void LoginThrottle::Count(Windows& windows, std::string_view name, int64_t now_unix_ms) {
  if (windows.size() >= limits_.max_tracked) {
    // Memory stays bounded however many names an attacker tries: ended windows go first, then
    // everything (an attacker flooding names loses nothing it had; it only resets counts).
    std::erase_if(windows, [&](const auto& entry) {
      return entry.second.start_unix_ms + limits_.window_ms <= now_unix_ms;
    });
    if (windows.size() >= limits_.max_tracked) {
      windows.clear();
    }
  }
  Window& window = windows[std::string(name)];
  if (window.start_unix_ms + limits_.window_ms <= now_unix_ms) {
    window = Window{now_unix_ms, 0};
  }
  ++window.failures;
}

void LoginThrottle::RecordFailure(std::string_view username, std::string_view address,
                                  int64_t now_unix_ms) {
  Count(by_user_, username, now_unix_ms);
  Count(by_address_, address, now_unix_ms);
}

void LoginThrottle::RecordSuccess(std::string_view username) {
  by_user_.erase(std::string(username));
}

}  // namespace costgate::central
