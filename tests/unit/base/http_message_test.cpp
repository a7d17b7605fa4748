#include "base/http_message.h"

#include <gtest/gtest.h>

namespace costgate::base {
namespace {

TEST(EqualsIgnoreCaseTest, IgnoresAsciiCase) {
  EXPECT_TRUE(EqualsIgnoreCase("X-Goog-Api-Key", "x-goog-api-key"));
}

TEST(EqualsIgnoreCaseTest, DifferentLengthsDiffer) {
  EXPECT_FALSE(EqualsIgnoreCase("x-goog-api-key", "x-goog-api-keys"));
}

TEST(EqualsIgnoreCaseTest, DoesNotFoldNonLetters) { EXPECT_FALSE(EqualsIgnoreCase("a[", "A{")); }

TEST(HeadersTest, FindReturnsFirstValueIgnoringCase) {
  Headers h;
  h.Add("Content-Type", "application/json");
  h.Add("content-type", "text/plain");
  ASSERT_NE(h.Find("CONTENT-TYPE"), nullptr);
  EXPECT_EQ(*h.Find("CONTENT-TYPE"), "application/json");
}

TEST(HeadersTest, FindMissingIsNull) {
  Headers h;
  h.Add("a", "1");
  EXPECT_EQ(h.Find("b"), nullptr);
  EXPECT_FALSE(h.Contains("b"));
}

TEST(HeadersTest, RemoveDropsEverySpellingAndCountsThem) {
  Headers h;
  h.Add("X-A", "1");
  h.Add("b", "2");
  h.Add("x-a", "3");
  EXPECT_EQ(h.Remove("x-A"), 2u);
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h.fields()[0].name, "b");
}

TEST(HeadersTest, SetReplacesInPlaceAndDropsDuplicates) {
  Headers h;
  h.Add("Accept-Encoding", "br");
  h.Add("b", "2");
  h.Add("accept-encoding", "zstd");
  h.Set("accept-encoding", "gzip");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h.fields()[0].name, "Accept-Encoding");
  EXPECT_EQ(h.fields()[0].value, "gzip");
  EXPECT_EQ(h.fields()[1].name, "b");
}

TEST(HeadersTest, SetAppendsWhenAbsent) {
  Headers h;
  h.Add("a", "1");
  h.Set("b", "2");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h.fields()[1].name, "b");
  EXPECT_EQ(h.fields()[1].value, "2");
}

TEST(HeadersTest, SetWithNameTakenFromTheFieldItReplaces) {
  Headers h;
  h.Add("a", "1");
  h.Add("A", "2");
  h.Set(h.fields()[1].name, "3");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h.fields()[0].value, "3");
}

TEST(RequestHeadTest, PathAndQuerySplitAtFirstQuestionMark) {
  RequestHead r;
  r.target = "/v1beta/models/m:streamGenerateContent?alt=sse&x=a?b";
  EXPECT_EQ(r.Path(), "/v1beta/models/m:streamGenerateContent");
  EXPECT_EQ(r.Query(), "alt=sse&x=a?b");
}

TEST(RequestHeadTest, NoQueryMeansEmptyQuery) {
  RequestHead r;
  r.target = "/v1beta/models";
  EXPECT_EQ(r.Path(), "/v1beta/models");
  EXPECT_EQ(r.Query(), "");
}

TEST(RequestHeadTest, EmptyQueryAfterQuestionMark) {
  RequestHead r;
  r.target = "/x?";
  EXPECT_EQ(r.Path(), "/x");
  EXPECT_EQ(r.Query(), "");
}

}  // namespace
}  // namespace costgate::base
