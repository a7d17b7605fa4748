#include "filters/body_coding.h"

#include <gtest/gtest.h>

namespace costgate::filters {
namespace {

BodyCoding CodingOf(std::initializer_list<std::string> values) {
  Headers headers;
  for (const std::string& value : values) {
    headers.Add("Content-Encoding", value);
  }
  return ReadBodyCoding(headers);
}

TEST(ReadBodyCodingTest, NoEncodingIsPlainAndReadable) {
  const BodyCoding coding = CodingOf({});
  EXPECT_FALSE(coding.gzip);
  EXPECT_FALSE(coding.undecodable);
}

TEST(ReadBodyCodingTest, OneGzipLayerIsDecodableWhateverItsSpellingAndIdentityAround) {
  for (const std::string value : {"gzip", "GZIP", "x-gzip", " identity , gzip ", "gzip,"}) {
    const BodyCoding coding = CodingOf({value});
    EXPECT_TRUE(coding.gzip) << value;
    EXPECT_FALSE(coding.undecodable) << value;
  }
}

TEST(ReadBodyCodingTest, OtherCodingsAndGzipTwiceAreUndecodable) {
  EXPECT_TRUE(CodingOf({"br"}).undecodable);
  EXPECT_TRUE(CodingOf({"gzip", "br"}).undecodable);
  EXPECT_TRUE(CodingOf({"gzip, gzip"}).undecodable);
  EXPECT_TRUE(CodingOf({"gzip", "gzip"}).undecodable);
  EXPECT_FALSE(CodingOf({"gzip", "gzip"}).gzip);
}

TEST(TrimOwsTest, DropsSpacesAndTabsAtBothEndsOnly) {
  EXPECT_EQ(TrimOws(" \ttext/event-stream \t"), "text/event-stream");
  EXPECT_EQ(TrimOws("a b"), "a b");
  EXPECT_EQ(TrimOws(" \t "), "");
}

}  // namespace
}  // namespace costgate::filters
