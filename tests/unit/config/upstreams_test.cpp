// upstreams: provider names, URL forms, and merging over the defaults.
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

// A copy: the tests pass it a Config that lives only until the end of the statement.
UpstreamConfig Gemini(const Config& config) {
  const UpstreamConfig* gemini = config.FindUpstream("gemini");
  EXPECT_NE(gemini, nullptr);
  return gemini != nullptr ? *gemini : UpstreamConfig{};
}

// The single error a url is rejected with.
ConfigError UrlError(const std::string& url) {
  std::vector<ConfigError> errors = LoadRejected("upstreams: {gemini: {url: '" + url + "'}}");
  EXPECT_EQ(errors.size(), 1u);
  return errors.empty() ? ConfigError{} : errors[0];
}

TEST(Upstreams, ReadsEveryKey) {
  Config config = LoadAccepted(R"(
upstreams:
  gemini:
    url: https://gemini.internal:8443
    ca_file: /etc/costgate/ca.pem
    max_idle_connections: 8
    idle_timeout_ms: 1000
)");
  UpstreamConfig gemini = Gemini(config);
  EXPECT_EQ(gemini.url, "https://gemini.internal:8443");
  EXPECT_EQ(gemini.host, "gemini.internal");
  EXPECT_EQ(gemini.port, 8443);
  EXPECT_EQ(gemini.ca_file, "/etc/costgate/ca.pem");
  EXPECT_EQ(gemini.max_idle_connections, 8u);
  EXPECT_EQ(gemini.idle_timeout, Millis(1000));
}

TEST(Upstreams, ChangingOnlyCaFileKeepsTheDefaultUrl) {
  Config config = LoadAccepted("upstreams: {gemini: {ca_file: /tmp/ca.pem}}");
  Config expected = DefaultConfig();
  expected.upstreams[0].ca_file = "/tmp/ca.pem";
  EXPECT_EQ(config.upstreams, expected.upstreams);
}

TEST(Upstreams, UrlWithoutPortUses443) {
  UpstreamConfig gemini = Gemini(LoadAccepted("upstreams: {gemini: {url: https://x.test}}"));
  EXPECT_EQ(gemini.host, "x.test");
  EXPECT_EQ(gemini.port, 443);
}

TEST(Upstreams, Ipv6UrlStoresHostWithoutBrackets) {
  UpstreamConfig gemini = Gemini(LoadAccepted("upstreams: {gemini: {url: 'https://[::1]:8443'}}"));
  EXPECT_EQ(gemini.url, "https://[::1]:8443");
  EXPECT_EQ(gemini.host, "::1");
  EXPECT_EQ(gemini.port, 8443);
}

TEST(Upstreams, Ipv6UrlWithoutPortUses443) {
  UpstreamConfig gemini =
      Gemini(LoadAccepted("upstreams: {gemini: {url: 'https://[2001:db8::7]'}}"));
  EXPECT_EQ(gemini.host, "2001:db8::7");
  EXPECT_EQ(gemini.port, 443);
}

TEST(Upstreams, Ipv4UrlIsAccepted) {
  UpstreamConfig gemini =
      Gemini(LoadAccepted("upstreams: {gemini: {url: 'https://127.0.0.1:9443'}}"));
  EXPECT_EQ(gemini.host, "127.0.0.1");
  EXPECT_EQ(gemini.port, 9443);
}

TEST(Upstreams, ZeroIdleConnectionsDisablesPoolingAndIsAccepted) {
  Config config = LoadAccepted("upstreams: {gemini: {max_idle_connections: 0}}");
  EXPECT_EQ(Gemini(config).max_idle_connections, 0u);
}

TEST(Upstreams, RejectsUnknownProviderNamingTheKnownOnes) {
  std::vector<ConfigError> errors = LoadRejected("upstreams: {openai: {url: https://x.test}}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "upstreams.openai");
  EXPECT_EQ(errors[0].message,
            "unknown provider; known providers: gemini, vertex, elevenlabs, google-tts");
}

TEST(Upstreams, RejectsZeroIdleTimeout) {
  std::vector<ConfigError> errors = LoadRejected("upstreams: {gemini: {idle_timeout_ms: 0}}");
  EXPECT_EQ(PathsOf(errors), (Paths{"upstreams.gemini.idle_timeout_ms"}));
}

TEST(UpstreamUrl, RejectsHttp) {
  ConfigError error = UrlError("http://x.test");
  EXPECT_EQ(error.path, "upstreams.gemini.url");
  EXPECT_EQ(error.message,
            "expected https://host[:port], got 'http://x.test': the scheme must be https");
}

TEST(UpstreamUrl, RejectsPath) {
  EXPECT_EQ(UrlError("https://x.test/v1beta").message,
            "expected https://host[:port], got 'https://x.test/v1beta': a path, query or "
            "fragment is not allowed");
}

TEST(UpstreamUrl, RejectsTrailingSlash) {
  EXPECT_EQ(UrlError("https://x.test/").path, "upstreams.gemini.url");
}

TEST(UpstreamUrl, RejectsQuery) {
  EXPECT_EQ(UrlError("https://x.test?key=1").path, "upstreams.gemini.url");
}

TEST(UpstreamUrl, RejectsUserinfo) {
  EXPECT_EQ(UrlError("https://user:pw@x.test").message,
            "expected https://host[:port], got 'https://user:pw@x.test': userinfo is not allowed");
}

TEST(UpstreamUrl, RejectsMissingHost) {
  EXPECT_EQ(UrlError("https://").message,
            "expected https://host[:port], got 'https://': missing host");
  EXPECT_EQ(UrlError("https://:443").message,
            "expected https://host[:port], got 'https://:443': missing host");
}

TEST(UpstreamUrl, RejectsInvalidHostName) {
  EXPECT_EQ(UrlError("https://bad_host.test").message,
            "expected https://host[:port], got 'https://bad_host.test': invalid host name");
  EXPECT_EQ(UrlError("https://x..test").path, "upstreams.gemini.url");
}

TEST(UpstreamUrl, RejectsBadPorts) {
  EXPECT_EQ(UrlError("https://x.test:0").message,
            "expected https://host[:port], got 'https://x.test:0': the port must be 1..65535");
  EXPECT_EQ(UrlError("https://x.test:65536").path, "upstreams.gemini.url");
  EXPECT_EQ(UrlError("https://x.test:abc").path, "upstreams.gemini.url");
  EXPECT_EQ(UrlError("https://x.test:").path, "upstreams.gemini.url");
}

TEST(UpstreamUrl, RejectsMalformedIpv6) {
  EXPECT_EQ(UrlError("https://[::1").message,
            "expected https://host[:port], got 'https://[::1': unterminated IPv6 literal");
  EXPECT_EQ(UrlError("https://[not-ip]:443").message,
            "expected https://host[:port], got 'https://[not-ip]:443': invalid IPv6 literal");
  EXPECT_EQ(UrlError("https://[::1]x").path, "upstreams.gemini.url");
}

TEST(UpstreamUrl, RejectsEmptyUrl) {
  EXPECT_EQ(UrlError("").message,
            "expected https://host[:port], got an empty value: the scheme must be https");
}

}  // namespace
}  // namespace costgate::config
