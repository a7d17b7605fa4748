#include "filters/stream/byte_finder.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace costgate::filters::stream {
namespace {

TEST(ByteFinder, FindsWhicheverByteComesFirst) {
  const std::string_view text = "ab\"cd\\ef\"";
  const char* end = text.data() + text.size();
  ByteFinder finder(end, '"', '\\');
  EXPECT_EQ(finder.Next(text.data()) - text.data(), 2);
  EXPECT_EQ(finder.Next(text.data() + 3) - text.data(), 5);
  EXPECT_EQ(finder.Next(text.data() + 6) - text.data(), 8);
}

TEST(ByteFinder, ReturnsEndWhenNeitherByteRemains) {
  const std::string_view text = "a\"bc";
  const char* end = text.data() + text.size();
  ByteFinder finder(end, '"', '\\');
  EXPECT_EQ(finder.Next(text.data() + 2), end);
  EXPECT_EQ(finder.Next(end), end);
}

TEST(ByteFinder, EveryHitOfABytePatternIsFound) {
  const std::string_view text = "\r\n\r\nx\n\ny\r";
  const char* end = text.data() + text.size();
  ByteFinder finder(end, '\n', '\r');
  std::string hits;
  for (const char* p = finder.Next(text.data()); p != end; p = finder.Next(p + 1)) {
    hits += std::to_string(p - text.data()) + ",";
  }
  EXPECT_EQ(hits, "0,1,2,3,5,6,8,");
}

}  // namespace
}  // namespace costgate::filters::stream
