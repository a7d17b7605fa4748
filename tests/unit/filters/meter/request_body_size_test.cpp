#include <gtest/gtest.h>

#include <string>

#include "filters/call_meter.h"

namespace costgate::filters {
namespace {

TEST(RequestBodySizeTest, CountsTheBytesReadNotTheBytesSent) {
  RequestBodySize size;
  size.Add("0123456789");
  size.Add("abc");
  Exchange x;
  x.request_bytes = 5;  // a gzip body: fewer bytes sent than read
  EXPECT_EQ(size.Bytes(x), 13u);
}

TEST(RequestBodySizeTest, UnreadBodyCountsTheBytesSent) {
  RequestBodySize size;
  size.MarkUnreadable();
  Exchange x;
  x.request_bytes = 40;
  EXPECT_EQ(size.Bytes(x), 40u);
}

TEST(RequestBodySizeTest, BodyUnreadPastAPrefixCountsTheLargerOfBoth) {
  RequestBodySize size;
  size.Add(std::string(100, 'a'));
  size.MarkUnreadable();
  Exchange x;
  x.request_bytes = 40;
  EXPECT_EQ(size.Bytes(x), 100u);
  x.request_bytes = 400;
  EXPECT_EQ(size.Bytes(x), 400u);
}

}  // namespace
}  // namespace costgate::filters
