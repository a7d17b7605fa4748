// Query strings (application/x-www-form-urlencoded) and percent-decoding.
#include "central/api/query.h"

#include <gtest/gtest.h>

#include "central/api/percent.h"

namespace costgate::central {
namespace {

Query ParsedQuery(std::string_view text) {
  std::variant<Query, QueryError> parsed = ParseQuery(text);
  EXPECT_TRUE(std::holds_alternative<Query>(parsed)) << text;
  return std::holds_alternative<Query>(parsed) ? std::get<Query>(parsed) : Query();
}

std::string BadQueryName(std::string_view text) {
  std::variant<Query, QueryError> parsed = ParseQuery(text);
  return std::holds_alternative<QueryError>(parsed) ? std::get<QueryError>(parsed).name
                                                    : "(accepted)";
}

TEST(PercentDecode, DecodesEscapesOfEitherCase) {
  EXPECT_EQ(PercentDecode("a%2Fb%2fc%20d"), "a/b/c d");
  EXPECT_EQ(PercentDecode("%e2%82%AC"), "\xE2\x82\xAC");
  EXPECT_EQ(PercentDecode(""), "");
}

TEST(PercentDecode, PlusIsASpaceOnlyWhenAsked) {
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_EQ(PercentDecode("a+b%2B", PlusIs::kSpace), "a b+");
}

TEST(PercentDecode, KeepsADecodedNulForItsUserToRefuse) {
  EXPECT_EQ(PercentDecode("a%00b"), std::string("a\0b", 3));
}

TEST(PercentDecode, RefusesMalformedEscapes) {
  EXPECT_EQ(PercentDecode("%"), std::nullopt);
  EXPECT_EQ(PercentDecode("%4"), std::nullopt);
  EXPECT_EQ(PercentDecode("abc%zz"), std::nullopt);
  EXPECT_EQ(PercentDecode("%%41"), std::nullopt);
}

TEST(ParseQuery, SplitsPairsAndDecodesNamesAndValues) {
  const Query query = ParsedQuery("from=2025-11-01&group%20by=model&q=a+b%26c");
  ASSERT_EQ(query.params().size(), 3u);
  EXPECT_EQ(*query.Find("from"), "2025-11-01");
  EXPECT_EQ(*query.Find("group by"), "model");
  EXPECT_EQ(*query.Find("q"), "a b&c");
  EXPECT_EQ(query.Find("to"), nullptr);
}

TEST(ParseQuery, KeepsRepeatedNamesInOrder) {
  const Query query = ParsedQuery("model=b&user=u&model=a&model=b");
  EXPECT_EQ(query.All("model"), (std::vector<std::string_view>{"b", "a", "b"}));
  EXPECT_EQ(*query.Find("model"), "b");
  EXPECT_EQ(query.params()[1].name, "user");
}

TEST(ParseQuery, NameWithoutValueAndEmptyPairs) {
  const Query query = ParsedQuery("&verbose&&x=&y==1&");
  ASSERT_EQ(query.params().size(), 3u);
  EXPECT_EQ(*query.Find("verbose"), "");
  EXPECT_EQ(*query.Find("x"), "");
  EXPECT_EQ(*query.Find("y"), "=1");  // split on the first "=" only
}

TEST(ParseQuery, EmptyQueryHasNoParams) { EXPECT_TRUE(ParsedQuery("").params().empty()); }

TEST(ParseQuery, MalformedEscapeNamesTheParameter) {
  EXPECT_EQ(BadQueryName("ok=1&from=2025%2x"), "from");
  EXPECT_EQ(BadQueryName("a%20b=%"), "a b");
  EXPECT_EQ(BadQueryName("bad%name=1"), "bad%name");  // the raw name when it is the bad part
}

}  // namespace
}  // namespace costgate::central
