// Rules for network addresses in the configuration: where costgate listens, where upstreams are.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "config/scalars.h"

namespace costgate::config {

struct Endpoint {
  std::string host;  // DNS name or IP literal, IPv6 without brackets
  uint16_t port = 443;
};

// https://host[:port]: host is a DNS name, an IPv4 literal or a bracketed IPv6 literal; port is
// 1..65535 and defaults to 443. No userinfo, path (not even "/"), query or fragment: the request
// path comes from the client, and credentials never live in the config.
Parsed<Endpoint> ParseUpstreamUrl(std::string_view url);

// http(s)://host[:port][/path][?query] for a file to download (the price feed): the host and
// port follow the rules above, plain http is allowed (a mirror on the local network), userinfo,
// spaces and control characters are not. The URL is returned as given.
Parsed<std::string> ParseFeedUrl(std::string_view url);

// smtp://host[:port][/...] or smtps://host[:port][/...] for an SMTP server (libcurl takes a path
// as the name it greets with): host and port as above, no userinfo (the credentials have their
// own settings), no spaces or control characters. The URL is returned as given.
Parsed<std::string> ParseSmtpUrl(std::string_view url);

// An IPv4 or IPv6 literal (IPv6 without brackets), or "localhost". Other host names are refused:
// which interface a name resolves to is too easy to get wrong on a proxy holding API keys.
Parsed<std::string> ParseListenAddress(std::string_view text);

}  // namespace costgate::config
