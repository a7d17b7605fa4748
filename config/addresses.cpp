#include "config/addresses.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cctype>

namespace costgate::config {
namespace {

constexpr std::string_view kScheme = "https://";

// inet_pton reads a C string: an embedded NUL would hide whatever follows it.
bool IsIpv4Literal(const std::string& text) {
  in_addr address{};
  return text.find('\0') == std::string::npos && inet_pton(AF_INET, text.c_str(), &address) == 1;
}

bool IsIpv6Literal(const std::string& text) {
  in6_addr address{};
  return text.find('\0') == std::string::npos && inet_pton(AF_INET6, text.c_str(), &address) == 1;
}

// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
bool IsHostName(std::string_view host) {
  size_t label_start = 0;
  for (size_t i = 0; i <= host.size(); ++i) {
    if (i == host.size() || host[i] == '.') {
      std::string_view label = host.substr(label_start, i - label_start);
      if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
      }
      label_start = i + 1;
    } else if (!std::isalnum(static_cast<unsigned char>(host[i])) && host[i] != '-') {
      return false;
    }
  }
  return host.size() <= 253;
}

Parsed<Endpoint> UrlError(std::string_view url, std::string_view problem) {
  return Parsed<Endpoint>::Fail("expected https://host[:port], got " + Quoted(url) + ": " +
                                std::string(problem));
}

}  // namespace

Parsed<Endpoint> ParseUpstreamUrl(std::string_view url) {
  if (!url.starts_with(kScheme)) {
    return UrlError(url, "the scheme must be https");
  }
  std::string_view authority = url.substr(kScheme.size());
  if (authority.find_first_of("/?#") != std::string_view::npos) {
    return UrlError(url, "a path, query or fragment is not allowed");
  }
  if (authority.find('@') != std::string_view::npos) {
    return UrlError(url, "userinfo is not allowed");
  }

  Endpoint endpoint;
  std::string_view port_text;
  bool has_port = false;
  if (authority.starts_with('[')) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return UrlError(url, "unterminated IPv6 literal");
    }
    endpoint.host = std::string(authority.substr(1, close - 1));
    if (!IsIpv6Literal(endpoint.host)) {
      return UrlError(url, "invalid IPv6 literal");
    }
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) {
      return UrlError(url, "unexpected text after the IPv6 literal");
    }
    has_port = !rest.empty();
    port_text = has_port ? rest.substr(1) : std::string_view();
  } else {
    size_t colon = authority.find(':');
    endpoint.host = std::string(authority.substr(0, colon));
    has_port = colon != std::string_view::npos;
    port_text = has_port ? authority.substr(colon + 1) : std::string_view();
    if (endpoint.host.empty()) {
      return UrlError(url, "missing host");
    }
    if (!IsHostName(endpoint.host)) {
      return UrlError(url, "invalid host name");
    }
  }

  if (has_port) {
    Parsed<uint64_t> port = ParseUnsigned(port_text, 1, 65535);
    if (!port.value) {
      return UrlError(url, "the port must be 1..65535");
    }
    endpoint.port = static_cast<uint16_t>(*port.value);
  }
  return Parsed<Endpoint>::Ok(std::move(endpoint));
}

Parsed<std::string> ParseListenAddress(std::string_view text) {
  std::string address(text);
  if (address == "localhost" || IsIpv4Literal(address) || IsIpv6Literal(address)) {
    return Parsed<std::string>::Ok(std::move(address));
  }
  return Parsed<std::string>::Fail("expected an IPv4 or IPv6 literal or 'localhost', got " +
                                   Quoted(text));
}

}  // namespace costgate::config
