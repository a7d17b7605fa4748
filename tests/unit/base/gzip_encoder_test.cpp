#include "base/gzip_encoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace costgate::base {
namespace {

// Inflates one gzip member with zlib (the reference decoder, not our code).
std::string Gunzip(const std::string& gz) {
  z_stream z = {};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(Gzip, IsAGzipMemberThatInflatesToTheInput) {
  std::string json = R"({"events":[)";
  for (int i = 0; i < 200; ++i) {
    json += R"({"event_id":"id-)" + std::to_string(i) + R"(","units":{"input_tokens":3520}},)";
  }
  json += "{}]}";
  const std::optional<std::string> gz = Gzip(json);
  ASSERT_TRUE(gz.has_value());
  ASSERT_GE(gz->size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*gz)[1]), 0x8b);
  EXPECT_LT(gz->size(), json.size() / 5);
  EXPECT_EQ(Gunzip(*gz), json);
}

TEST(Gzip, AnEmptyBodyIsAValidMember) {
  const std::optional<std::string> gz = Gzip("");
  ASSERT_TRUE(gz.has_value());
  EXPECT_EQ(Gunzip(*gz), "");
}

}  // namespace
}  // namespace costgate::base
