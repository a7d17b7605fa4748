#include "daemon/upstream/vertex_location.h"

#include <gtest/gtest.h>

#include <string>

namespace costgate::daemon::upstream {
namespace {

TEST(NamedLocation, IsTheSegmentAfterProjectsAndLocations) {
  EXPECT_EQ(NamedLocation("/v1beta1/projects/p/locations/us-central1/publishers/google/models/"
                          "gemini-2.0-flash-001:generateContent"),
            "us-central1");
}

TEST(NamedLocation, IgnoresTheQuery) {
  EXPECT_EQ(NamedLocation("/v1/projects/p/locations/europe-west4/publishers/google/models/"
                          "m:streamGenerateContent?alt=sse"),
            "europe-west4");
}

TEST(NamedLocation, StopsAtALocationLevelCustomMethod) {
  EXPECT_EQ(NamedLocation("/v1beta1/projects/p/locations/us-east5:evaluateInstances"), "us-east5");
}

TEST(NamedLocation, IsTheLastSegmentOfALocationPath) {
  EXPECT_EQ(NamedLocation("/v1/projects/p/locations/global"), "global");
}

TEST(NamedLocation, IsEmptyForExpressMode) {
  EXPECT_EQ(NamedLocation("/v1/publishers/google/models/gemini-2.5-flash:generateContent"), "");
}

TEST(NamedLocation, IsEmptyForTheLocationsList) {
  EXPECT_EQ(NamedLocation("/v1/projects/p/locations"), "");
  EXPECT_EQ(NamedLocation("/v1/projects/p/locations?pageSize=5"), "");
}

TEST(NamedLocation, IsEmptyForAProjectPath) { EXPECT_EQ(NamedLocation("/v1/projects/p"), ""); }

TEST(NamedLocation, IsEmptyWhenLocationsIsNotRightAfterTheProject) {
  EXPECT_EQ(NamedLocation("/v1/projects/p/datasets/locations/us-central1"), "");
  EXPECT_EQ(NamedLocation("/v1/publishers/google/locations/us-central1"), "");
}

TEST(NamedLocation, IsEmptyForAnEmptyOrRelativeTarget) {
  EXPECT_EQ(NamedLocation(""), "");
  EXPECT_EQ(NamedLocation("v1/projects/p/locations/us-central1"), "");
}

TEST(NamedLocation, KeepsTheSpellingAsSent) {
  EXPECT_EQ(NamedLocation("/v1/projects/p/locations/US-Central1/x"), "US-Central1");
  EXPECT_EQ(NamedLocation("/v1/projects/p/locations/evil.example%2F/x"), "evil.example%2F");
}

TEST(HostForLocation, RegionIsItsOwnHost) {
  EXPECT_EQ(HostForLocation("us-central1").host, "us-central1-aiplatform.googleapis.com");
  EXPECT_EQ(HostForLocation("europe-west4").host, "europe-west4-aiplatform.googleapis.com");
  EXPECT_EQ(HostForLocation("asia-northeast1").error, "");
}

TEST(HostForLocation, GlobalIsThePublicHost) {
  EXPECT_EQ(HostForLocation("global").host, "aiplatform.googleapis.com");
}

TEST(HostForLocation, MultiRegionsUseTheRepHosts) {
  EXPECT_EQ(HostForLocation("us").host, "aiplatform.us.rep.googleapis.com");
  EXPECT_EQ(HostForLocation("eu").host, "aiplatform.eu.rep.googleapis.com");
}

TEST(HostForLocation, RefusesUpperCase) {
  const LocationHost result = HostForLocation("US-Central1");
  EXPECT_EQ(result.host, "");
  EXPECT_EQ(result.error,
            "location 'US-Central1' has a character other than a-z, 0-9 and '-': a Vertex AI "
            "location is lower-case letters, digits and '-' (us-central1, europe-west4, global, "
            "us, eu)");
}

TEST(HostForLocation, RefusesAnythingThatCouldNameAnotherHost) {
  for (const std::string location :
       {"evil.example", "evil.example%2F", "a_b", "x@y", "us-central1.evil", "a:443", "%41"}) {
    const LocationHost result = HostForLocation(location);
    EXPECT_EQ(result.host, "") << location;
    EXPECT_NE(result.error, "") << location;
  }
}

TEST(HostForLocation, RefusesEmpty) {
  EXPECT_EQ(HostForLocation("").error.substr(0, 17), "location '' is em");
}

TEST(HostForLocation, RefusesALeadingHyphen) {
  EXPECT_EQ(HostForLocation("-us").host, "");
  EXPECT_NE(HostForLocation("-us").error.find("starts with '-'"), std::string::npos);
}

TEST(HostForLocation, AcceptsTheLongestLocationThatKeepsOneDnsLabel) {
  const std::string location(52, 'a');
  const LocationHost result = HostForLocation(location);
  EXPECT_EQ(result.error, "");
  EXPECT_EQ(result.host.find('.'), 63u);  // {LOC}-aiplatform is exactly 63 characters
}

TEST(HostForLocation, RefusesALongerOne) {
  const LocationHost result = HostForLocation(std::string(53, 'a'));
  EXPECT_EQ(result.host, "");
  EXPECT_NE(result.error.find("is longer than 52 characters"), std::string::npos);
}

}  // namespace
}  // namespace costgate::daemon::upstream
