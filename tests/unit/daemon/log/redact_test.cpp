#include "daemon/log/redact.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace costgate::daemon::log {
namespace {

constexpr std::string_view kCanary = "AIzaSyCanary0123456789";

// kCanary with every byte percent-encoded, as a client may send any value.
std::string EncodedCanary() {
  std::string out;
  for (const char c : kCanary) {
    constexpr char kHex[] = "0123456789ABCDEF";
    out += '%';
    out += kHex[static_cast<unsigned char>(c) >> 4];
    out += kHex[static_cast<unsigned char>(c) & 0xF];
  }
  return out;
}

std::string Lowered(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

// Every spelling of a credential parameter the providers accept (PROVIDERS.md A1, B1, C1, E18),
// and the variants a server may decode to the same name.
const std::vector<std::string> kCredentialNames = {"key",
                                                   "KEY",
                                                   "Key",
                                                   "$key",
                                                   "%24key",
                                                   "%24KEY",
                                                   "%6bey",
                                                   "%6B%65%79",
                                                   "k%65y",
                                                   "api_key",
                                                   "API_KEY",
                                                   "api%5Fkey",
                                                   "apiKey",
                                                   "access_token",
                                                   "ACCESS_TOKEN",
                                                   "$access_token",
                                                   "%24access_token",
                                                   "oauth_token",
                                                   "$oauth_token",
                                                   "OAuth_Token",
                                                   "xi-api-key",
                                                   "XI-API-KEY",
                                                   "xi_api_key",
                                                   "xi%2Dapi%2Dkey",
                                                   "token",
                                                   "bearer_token",
                                                   "x-goog-api-key",
                                                   "authorization"};

TEST(RedactTarget, LeavesATargetWithoutQueryAlone) {
  EXPECT_EQ(RedactTarget("/v1beta/models/gemini-2.0-flash:generateContent"),
            "/v1beta/models/gemini-2.0-flash:generateContent");
}

TEST(RedactTarget, RedactsEveryCredentialNameInEverySpellingAndEveryValueForm) {
  for (const std::string& name : kCredentialNames) {
    for (const std::string& value : {std::string(kCanary), EncodedCanary()}) {
      const std::string target = "/v1beta/models/m:generateContent?" + name + "=" + value;
      const std::string logged = RedactTarget(target);
      EXPECT_EQ(logged, "/v1beta/models/m:generateContent?" + name + "=REDACTED") << target;
      for (const std::string& form : {std::string(kCanary), Lowered(std::string(kCanary)),
                                      EncodedCanary(), Lowered(EncodedCanary())}) {
        EXPECT_EQ(logged.find(form), std::string::npos) << target;
      }
    }
  }
}

TEST(RedactTarget, RedactsTheValueOfAnyParameterNotAllowListed) {
  EXPECT_EQ(RedactTarget("/x?q=hello&pageToken=abc&upload_id=xyz&quotaUser=u"),
            "/x?q=REDACTED&pageToken=REDACTED&upload_id=REDACTED&quotaUser=REDACTED");
}

TEST(RedactTarget, KeepsAllowListedParametersAndTheOrder) {
  EXPECT_EQ(RedactTarget("/m:streamGenerateContent?alt=sse&key=s3cr3t&pageSize=10"),
            "/m:streamGenerateContent?alt=sse&key=REDACTED&pageSize=10");
  EXPECT_EQ(RedactTarget("/v1/text-to-speech/v?output_format=mp3_44100_128&enable_logging=false"
                         "&optimize_streaming_latency=3"),
            "/v1/text-to-speech/v?output_format=mp3_44100_128&enable_logging=false"
            "&optimize_streaming_latency=3");
  EXPECT_EQ(RedactTarget("/upload/v1beta/files?uploadType=resumable&upload_protocol=resumable"),
            "/upload/v1beta/files?uploadType=resumable&upload_protocol=resumable");
  EXPECT_EQ(RedactTarget("/v1/voices?languageCode=en-US&$alt=json&$.xgafv=2"),
            "/v1/voices?languageCode=en-US&$alt=json&$.xgafv=2");
}

TEST(RedactTarget, MatchesAllowListedNamesCaseFoldedAndPercentDecoded) {
  EXPECT_EQ(RedactTarget("/x?ALT=sse&%61lt=json&%24alt=json&Upload_Type=media"),
            "/x?ALT=sse&%61lt=json&%24alt=json&Upload_Type=media");
  EXPECT_TRUE(IsLoggableQueryName("%24ALT"));
  EXPECT_TRUE(IsLoggableQueryName("PageSize"));
  EXPECT_FALSE(IsLoggableQueryName("%24key"));
  EXPECT_FALSE(IsLoggableQueryName("alt2"));
}

TEST(RedactTarget, RedactsAnAllowListedValueThatIsNotPlain) {
  // An encoded '&' or '=' could smuggle a credential into an allow-listed value.
  EXPECT_EQ(RedactTarget("/x?alt=sse%26key%3DAIzaSecret"), "/x?alt=REDACTED");
  EXPECT_EQ(RedactTarget("/x?$alt=json%3Benum-encoding%3Dint"), "/x?$alt=REDACTED");
  EXPECT_EQ(RedactTarget("/x?alt=" + std::string(65, 'a')), "/x?alt=REDACTED");
  EXPECT_EQ(RedactTarget("/x?alt=" + std::string(64, 'a')), "/x?alt=" + std::string(64, 'a'));
}

TEST(RedactTarget, RedactsAParameterWithoutValueWholeUnlessItsNameIsAllowListed) {
  EXPECT_EQ(RedactTarget("/x?AIzaSyBareSecret"), "/x?REDACTED");
  EXPECT_EQ(RedactTarget("/x?alt=sse&AIzaSyBareSecret&key"), "/x?alt=sse&REDACTED&REDACTED");
  EXPECT_EQ(RedactTarget("/x?prettyPrint&%24alt"), "/x?prettyPrint&%24alt");
}

TEST(RedactTarget, RedactsANameThatDoesNotReadLikeAName) {
  EXPECT_EQ(RedactTarget("/x?key%3DAIzaSecret=1"), "/x?REDACTED");
  EXPECT_EQ(RedactTarget("/x?a%26key=1&a+b=2"), "/x?REDACTED&REDACTED");
  EXPECT_EQ(RedactTarget("/x?" + std::string(65, 'k') + "=1"), "/x?REDACTED");
  EXPECT_EQ(RedactTarget("/x?=AIzaSecret"), "/x?REDACTED");
}

TEST(RedactTarget, RedactsEveryOccurrenceOfARepeatedParameter) {
  EXPECT_EQ(RedactTarget("/x?key=a&key=b&KEY=c"), "/x?key=REDACTED&key=REDACTED&KEY=REDACTED");
}

TEST(RedactTarget, RedactsAnEmptyValue) { EXPECT_EQ(RedactTarget("/x?key="), "/x?key=REDACTED"); }

TEST(RedactTarget, KeepsEmptyParameters) {
  EXPECT_EQ(RedactTarget("/x?&key=a&&"), "/x?&key=REDACTED&&");
  EXPECT_EQ(RedactTarget("/x?"), "/x?");
}

TEST(RedactTarget, RedactsAFragment) {
  EXPECT_EQ(RedactTarget("/x?alt=sse#key=AIzaSecret"), "/x?alt=sse#REDACTED");
  EXPECT_EQ(RedactTarget("/x#?key=AIzaSecret"), "/x#REDACTED");
  EXPECT_EQ(RedactTarget("/x#"), "/x#");
}

TEST(RedactTarget, RedactsTheUserinfoOfAnAbsoluteTarget) {
  EXPECT_EQ(RedactTarget("http://user:AIzaSecret@example.com/x?alt=sse&key=k"),
            "http://REDACTED@example.com/x?alt=sse&key=REDACTED");
  EXPECT_EQ(RedactTarget("user:AIzaSecret@example.com:443"), "REDACTED@example.com:443");
  EXPECT_EQ(RedactTarget("http://example.com/a@b"), "http://example.com/a@b");
  EXPECT_EQ(RedactTarget("*"), "*");
}

TEST(LoggableUrl, DropsUserinfoQueryAndFragment) {
  EXPECT_EQ(LoggableUrl("https://user:pw@central.example:8443/cost?token=t#f"),
            "https://REDACTED@central.example:8443/cost");
  EXPECT_EQ(LoggableUrl("https://prices.example/feed.json?sig=abc"),
            "https://prices.example/feed.json");
  EXPECT_EQ(LoggableUrl("http://127.0.0.1:8788"), "http://127.0.0.1:8788");
}

}  // namespace
}  // namespace costgate::daemon::log
