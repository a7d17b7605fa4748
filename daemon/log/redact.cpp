#include "daemon/log/redact.h"

#include <algorithm>
#include <array>

#include "filters/hex.h"

namespace costgate::daemon::log {
namespace {

constexpr std::array<std::string_view, 3> kSecretParams = {"key", "api_key", "access_token"};
constexpr size_t kLongestSecretName = 12;
constexpr std::string_view kRedacted = "REDACTED";

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsSecretName(std::string_view raw) {
  std::string decoded;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (decoded.size() > kLongestSecretName) {
      return false;
    }
    char c = raw[i];
    if (c == '%' && i + 2 < raw.size() && filters::HexValue(raw[i + 1]) >= 0 &&
        filters::HexValue(raw[i + 2]) >= 0) {
      c = static_cast<char>(filters::HexValue(raw[i + 1]) * 16 + filters::HexValue(raw[i + 2]));
      i += 2;
    } else if (c == '+') {
      c = ' ';
    }
    decoded += Lower(c);
  }
  for (std::string_view secret : kSecretParams) {
    if (decoded == secret) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string RedactTarget(std::string_view target) {
  const size_t query_start = target.find('?');
  if (query_start == std::string_view::npos) {
    return std::string(target);
  }
  const size_t query_end = std::min(target.find('#', query_start), target.size());
  std::string out(target.substr(0, query_start + 1));
  size_t pos = query_start + 1;
  while (true) {
    const size_t amp = std::min(target.find('&', pos), query_end);
    const std::string_view param = target.substr(pos, amp - pos);
    const size_t eq = param.find('=');
    if (eq != std::string_view::npos && IsSecretName(param.substr(0, eq))) {
      out.append(param.substr(0, eq + 1));
      out.append(kRedacted);
    } else {
      out.append(param);
    }
    if (amp >= query_end) {
      break;
    }
    out += '&';
    pos = amp + 1;
  }
  out.append(target.substr(query_end));
  return out;
}

}  // namespace costgate::daemon::log
