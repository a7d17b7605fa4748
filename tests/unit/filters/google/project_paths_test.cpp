// The /{ver}/projects paths Vertex AI and Cloud TTS share: how they are split and read. Who
// claims a request there is tested with both providers' routes (vertex/routes_test.cpp).
#include "filters/google/project_paths.h"

#include <gtest/gtest.h>

#include "tests/unit/filters/route/route_test_support.h"

namespace costgate::filters::google {
namespace {

using test_routes::Request;

TEST(ResourcePathTest, SplitsIntoNonEmptySegments) {
  const ResourcePath path = SplitResourcePath("//v1/projects/p//locations/l/");
  ASSERT_EQ(path.count, 5u);
  EXPECT_EQ(path.items[0], "v1");
  EXPECT_EQ(path.items[4], "l");
  EXPECT_FALSE(path.too_many);
  EXPECT_TRUE(IsLocation(path));
  EXPECT_FALSE(IsLocationOperations(path));
}

TEST(ResourcePathTest, MarksAPathDeeperThanAnyItReads) {
  const ResourcePath path = SplitResourcePath("/v1/projects/p/locations/l/operations/1/x/y");
  EXPECT_EQ(path.count, ResourcePath::kMaxSegments);
  EXPECT_TRUE(path.too_many);
  EXPECT_FALSE(IsLocation(path));
}

TEST(ResourcePathTest, ReadsTheOperationsOfALocation) {
  EXPECT_TRUE(IsLocationOperations(SplitResourcePath("/v1/projects/p/locations/l/operations")));
  EXPECT_TRUE(IsLocationOperations(SplitResourcePath("/v1/projects/p/locations/l/operations/7")));
  EXPECT_FALSE(IsLocationOperations(
      SplitResourcePath("/v1/projects/p/locations/l/publishers/google/models/m/operations/7")));
}

TEST(CloudTtsRequestTest, LongAudioSynthesisAndClientLibraryPollsAreCloudTts) {
  const std::string location = "/v1beta1/projects/p/locations/global";
  EXPECT_TRUE(IsCloudTtsRequest(Request("POST", location + ":synthesizeLongAudio")));
  EXPECT_TRUE(IsCloudTtsRequest(
      Request("GET", location + "/operations/42", {{"x-goog-api-client", "gax/4 gapic/5"}})));
  EXPECT_FALSE(IsCloudTtsRequest(Request("GET", location + "/operations/42")));
  EXPECT_FALSE(IsCloudTtsRequest(Request("GET", "/v1beta/projects/p/locations/l/operations/42",
                                         {{"x-goog-api-client", "gapic/5"}})));
}

}  // namespace
}  // namespace costgate::filters::google
