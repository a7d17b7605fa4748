#include "config/addresses.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cctype>
#include <initializer_list>
#include <optional>

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

// host[:port] with no userinfo; the problem when it is not one.
std::optional<std::string_view> ParseAuthority(std::string_view authority, Endpoint& endpoint) {
  if (authority.find('@') != std::string_view::npos) {
    return "userinfo is not allowed";
  }
  std::string_view port_text;
  bool has_port = false;
  if (authority.starts_with('[')) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return "unterminated IPv6 literal";
    }
    endpoint.host = std::string(authority.substr(1, close - 1));
    if (!IsIpv6Literal(endpoint.host)) {
      return "invalid IPv6 literal";
    }
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) {
      return "unexpected text after the IPv6 literal";
    }
    has_port = !rest.empty();
    port_text = has_port ? rest.substr(1) : std::string_view();
  } else {
    size_t colon = authority.find(':');
    endpoint.host = std::string(authority.substr(0, colon));
    has_port = colon != std::string_view::npos;
    port_text = has_port ? authority.substr(colon + 1) : std::string_view();
    if (endpoint.host.empty()) {
      return "missing host";
    }
    if (!IsHostName(endpoint.host)) {
      return "invalid host name";
    }
  }
  if (has_port) {
    Parsed<uint64_t> port = ParseUnsigned(port_text, 1, 65535);
    if (!port.value) {
      return "the port must be 1..65535";
    }
    endpoint.port = static_cast<uint16_t>(*port.value);
  }
  return std::nullopt;
}

// A URL with one of `schemes` whose authority follows ParseAuthority, with anything after it;
// returned as given.
Parsed<std::string> ParseServerUrl(std::string_view url,
                                   std::initializer_list<std::string_view> schemes,
                                   std::string_view expected, std::string_view wrong_scheme) {
  auto error = [&](std::string_view problem) {
    return Parsed<std::string>::Fail("expected " + std::string(expected) + ", got " + Quoted(url) +
                                     ": " + std::string(problem));
  };
  std::string_view scheme;
  for (std::string_view candidate : schemes) {
    if (url.starts_with(candidate)) {
      scheme = candidate;
    }
  }
  if (scheme.empty()) {
    return error(wrong_scheme);
  }
  for (char c : url) {
    // libcurl would send such bytes as they are; a URL in a config file has no reason to.
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return error("spaces and control characters are not allowed");
    }
  }
  std::string_view rest = url.substr(scheme.size());
  Endpoint endpoint;
  if (std::optional<std::string_view> problem =
          ParseAuthority(rest.substr(0, rest.find_first_of("/?#")), endpoint)) {
    return error(*problem);
  }
  return Parsed<std::string>::Ok(std::string(url));
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
  Endpoint endpoint;
  if (std::optional<std::string_view> problem = ParseAuthority(authority, endpoint)) {
    return UrlError(url, *problem);
  }
  return Parsed<Endpoint>::Ok(std::move(endpoint));
}

Parsed<std::string> ParseFeedUrl(std::string_view url) {
  return ParseServerUrl(url, {"https://", "http://"}, "an http:// or https:// URL",
                        "the scheme must be http or https");
}

Parsed<std::string> ParseSmtpUrl(std::string_view url) {
  return ParseServerUrl(url, {"smtps://", "smtp://"}, "an smtp:// or smtps:// URL",
                        "the scheme must be smtp or smtps");
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
