#include "daemon/log/redact.h"

#include <gtest/gtest.h>

namespace costgate::daemon::log {
namespace {

TEST(RedactTarget, LeavesATargetWithoutQueryAlone) {
  EXPECT_EQ(RedactTarget("/v1beta/models/gemini-2.0-flash:generateContent"),
            "/v1beta/models/gemini-2.0-flash:generateContent");
}

TEST(RedactTarget, RedactsTheKeyParameter) {
  EXPECT_EQ(RedactTarget("/v1beta/models/m:generateContent?key=AIzaSyD-secret"),
            "/v1beta/models/m:generateContent?key=REDACTED");
}

TEST(RedactTarget, KeepsOtherParametersAndTheirOrder) {
  EXPECT_EQ(RedactTarget("/m:streamGenerateContent?alt=sse&key=s3cr3t&pageSize=10"),
            "/m:streamGenerateContent?alt=sse&key=REDACTED&pageSize=10");
}

TEST(RedactTarget, RedactsApiKeyAndAccessToken) {
  EXPECT_EQ(RedactTarget("/x?api_key=a&access_token=b&keys=c"),
            "/x?api_key=REDACTED&access_token=REDACTED&keys=c");
}

TEST(RedactTarget, RedactsEveryOccurrence) {
  EXPECT_EQ(RedactTarget("/x?key=a&key=b"), "/x?key=REDACTED&key=REDACTED");
}

TEST(RedactTarget, MatchesNamesCaseInsensitivelyAndPercentDecoded) {
  EXPECT_EQ(RedactTarget("/x?KEY=a&Api%5Fkey=b&%6bey=c"),
            "/x?KEY=REDACTED&Api%5Fkey=REDACTED&%6bey=REDACTED");
}

TEST(RedactTarget, RedactsAnEmptyValueAndIgnoresANameWithoutValue) {
  EXPECT_EQ(RedactTarget("/x?key=&key"), "/x?key=REDACTED&key");
}

TEST(RedactTarget, DoesNotTouchLookalikeNamesOrValues) {
  EXPECT_EQ(RedactTarget("/x?monkey=1&q=key%3Dsecret"), "/x?monkey=1&q=key%3Dsecret");
}

TEST(RedactTarget, KeepsAFragmentAfterTheQuery) {
  EXPECT_EQ(RedactTarget("/x?key=a#frag"), "/x?key=REDACTED#frag");
}

TEST(RedactTarget, KeepsEmptyParameters) {
  EXPECT_EQ(RedactTarget("/x?&key=a&&"), "/x?&key=REDACTED&&");
}

}  // namespace
}  // namespace costgate::daemon::log
