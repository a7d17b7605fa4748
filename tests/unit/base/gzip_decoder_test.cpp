#include "base/gzip_decoder.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/gzip_parts.h"

namespace costgate::base {
namespace {

using test_support::GzipParts;

// Collects what the decoder hands out.
class Collect final : public ByteSink {
 public:
  void Write(std::string_view bytes) noexcept override {
    text.append(bytes);
    pieces.push_back(bytes.size());
  }
  std::string text;
  std::vector<size_t> pieces;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(GzipDecoder, DecodesABodyFedAtOnce) {
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed(test_support::Gzip("{\"usageMetadata\":{}}"));
  decoder.Finish();
  EXPECT_EQ(out.text, "{\"usageMetadata\":{}}");
  EXPECT_FALSE(decoder.corrupt());
  EXPECT_FALSE(decoder.truncated());
}

TEST(GzipDecoder, DecodesABodyFedByteByByte) {
  const std::string plain = "the sky is blue because of Rayleigh scattering";
  const std::string gz = test_support::Gzip(plain);
  Collect out;
  GzipDecoder decoder(out);
  for (char c : gz) {
    decoder.Feed(std::string_view(&c, 1));
  }
  decoder.Finish();
  EXPECT_EQ(out.text, plain);
  EXPECT_FALSE(decoder.truncated());
}

TEST(GzipDecoder, SyncFlushedBlockComesOutBeforeTheMemberEnds) {
  const auto body = GzipParts({"[{\"first\":1}\n", ",\r\n{\"second\":2}\n]"});
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed(std::string_view(body.bytes).substr(0, body.flush_ends[0]));
  EXPECT_EQ(out.text, "[{\"first\":1}\n");
  decoder.Feed(std::string_view(body.bytes).substr(body.flush_ends[0]));
  EXPECT_EQ(out.text, "[{\"first\":1}\n,\r\n{\"second\":2}\n]");
}

TEST(GzipDecoder, LargeOutputArrivesInPiecesOfAtMostTheBufferSize) {
  std::string plain;
  for (int i = 0; plain.size() < 200 * 1024; ++i) {
    plain += "{\"n\":" + std::to_string(i) + "},";
  }
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed(test_support::Gzip(plain));
  EXPECT_EQ(out.text, plain);
  ASSERT_GT(out.pieces.size(), 1U);
  for (size_t piece : out.pieces) {
    EXPECT_LE(piece, GzipDecoder::kOutputBytes);
  }
  EXPECT_EQ(decoder.BufferHighWater(), GzipDecoder::kOutputBytes);
}

TEST(GzipDecoder, ConcatenatedMembersDecodeAsOneStream) {
  const std::string gz = test_support::Gzip("first member, ") + test_support::Gzip("second member");
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed(gz);
  decoder.Finish();
  EXPECT_EQ(out.text, "first member, second member");
  EXPECT_FALSE(decoder.corrupt());
  EXPECT_FALSE(decoder.truncated());
}

TEST(GzipDecoder, MemberBoundaryBetweenChunksIsNotTruncation) {
  const std::string first = test_support::Gzip("one ");
  const std::string second = test_support::Gzip("two");
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed(first);
  decoder.Feed(second);
  decoder.Finish();
  EXPECT_EQ(out.text, "one two");
  EXPECT_FALSE(decoder.truncated());
}

TEST(GzipDecoder, BodyEndingInsideAMemberIsTruncated) {
  const auto body = GzipParts({"complete part ", "lost part"});
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed(std::string_view(body.bytes).substr(0, body.flush_ends[0]));
  decoder.Finish();
  EXPECT_EQ(out.text, "complete part ");
  EXPECT_TRUE(decoder.truncated());
  EXPECT_FALSE(decoder.corrupt());
}

TEST(GzipDecoder, PlainJsonIsCorrupt) {
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed("{\"error\":{\"code\":404}}");
  EXPECT_TRUE(decoder.corrupt());
  EXPECT_EQ(out.text, "");
}

TEST(GzipDecoder, ChecksumMismatchIsCorruptAfterTheDataCameOut) {
  std::string gz = test_support::Gzip("payload");
  gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 0x55);  // CRC32 in the trailer
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed(gz);
  EXPECT_TRUE(decoder.corrupt());
  EXPECT_EQ(out.text, "payload");
}

TEST(GzipDecoder, InputAfterCorruptionIsIgnored) {
  Collect out;
  GzipDecoder decoder(out);
  decoder.Feed("not gzip");
  decoder.Feed(test_support::Gzip("valid"));
  decoder.Finish();
  EXPECT_TRUE(decoder.corrupt());
  EXPECT_FALSE(decoder.truncated());
  EXPECT_EQ(out.text, "");
}

TEST(GzipDecoder, RecordedJsonArrayStreamDecodesToTheRecordedBody) {
  // llmgemini-flash-latest-...: the server's sync-flushed gzip bytes and their gunzipped form.
  const std::string dir = COSTGATE_FIXTURES_DIR "/gemini/";
  const std::string name = "llmgemini-flash-latest-streamGenerateContent-jsonarray-gzip";
  const std::string gz = ReadFile(dir + name + ".response.json.gz");
  ASSERT_FALSE(gz.empty());
  Collect out;
  GzipDecoder decoder(out);
  for (size_t i = 0; i < gz.size(); i += 7) {
    decoder.Feed(std::string_view(gz).substr(i, 7));
  }
  decoder.Finish();
  EXPECT_EQ(out.text, ReadFile(dir + name + ".response.json"));
  EXPECT_FALSE(decoder.corrupt());
  EXPECT_FALSE(decoder.truncated());
}

}  // namespace
}  // namespace costgate::base
