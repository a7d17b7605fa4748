#include "filters/route/request_target.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace costgate::filters {
namespace {

TEST(RequestTargetTest, AcceptsSdkTargets) {
  const std::vector<std::string> targets = {
      "/v1beta/models/gemini-2.0-flash-001:streamGenerateContent?alt=sse",
      "/gemini/v1beta/models/gemini-2.5-flash:generateContent?key=AIza%2Babc",
      "/v1beta1/projects/p/locations/us-central1/publishers/google/models/m:generateContent",
      "/upload/v1beta/files?upload_id=abc&upload_protocol=resumable",
      "/v1beta/models/gemini%2D2.5-flash:countTokens",
      "/",
      "/gemini/",
      "/a/..b/c.",
      "/a/...",
  };
  for (const auto& target : targets) {
    EXPECT_EQ(RequestTargetProblem(target), "") << target;
  }
}

TEST(RequestTargetTest, RejectsTargetsThatAreNotOriginForm) {
  for (const std::string target :
       {"", "*", "http://evil.example/v1beta/models", "evil.example:443", "v1beta/models"}) {
    EXPECT_NE(RequestTargetProblem(target), "") << target;
  }
}

TEST(RequestTargetTest, RejectsDotSegmentsInAnySpelling) {
  for (const std::string target :
       {"/gemini/../admin", "/gemini/./v1beta", "/gemini/%2e%2e/admin", "/gemini/.%2E/admin",
        "/gemini/%2E/x", "/gemini/..;/admin", "/gemini/..", "/gemini/v1beta/.."}) {
    EXPECT_NE(RequestTargetProblem(target), "") << target;
  }
}

TEST(RequestTargetTest, RejectsEmptySegments) {
  for (const std::string target :
       {"//evil.example/v1beta/models", "/gemini//evil.example/x", "/v1beta//models"}) {
    EXPECT_NE(RequestTargetProblem(target), "") << target;
  }
}

TEST(RequestTargetTest, RejectsEncodedSlashBackslashAndNulInThePath) {
  for (const std::string target :
       {"/gemini/%2F%2Fevil.example/x", "/gemini/a%2fb", "/gemini/a%5Cb", "/gemini/a%00b"}) {
    EXPECT_NE(RequestTargetProblem(target), "") << target;
  }
}

TEST(RequestTargetTest, AllowsEncodedSlashInTheQuery) {
  EXPECT_EQ(RequestTargetProblem("/v1beta/files?pageToken=a%2Fb"), "");
}

TEST(RequestTargetTest, RejectsMalformedPercentEscapes) {
  for (const std::string target : {"/a%zz", "/a%2", "/a?x=%", "/a?x=%4"}) {
    EXPECT_NE(RequestTargetProblem(target), "") << target;
  }
}

TEST(RequestTargetTest, RejectsBytesThatMustBeEncoded) {
  for (const std::string_view target :
       {"/a b", "/a\\b", "/a#b", "/a\x01", "/a?x=\x7f", "/caf\xC3\xA9", "/a\tb"}) {
    EXPECT_NE(RequestTargetProblem(target), "") << target;
  }
}

}  // namespace
}  // namespace costgate::filters
