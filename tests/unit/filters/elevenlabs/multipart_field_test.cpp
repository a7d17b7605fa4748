#include "filters/elevenlabs/multipart_field.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/filters/elevenlabs/meter_test_support.h"

namespace costgate::filters::elevenlabs {
namespace {

using testing::FormEnd;
using testing::FormField;
using testing::FormFile;
using testing::kBoundary;

std::optional<std::string> ModelId(std::string_view body, size_t piece = 4096) {
  MultipartFieldReader reader(kBoundary, "model_id");
  for (size_t at = 0; at < body.size(); at += piece) {
    reader.Feed(body.substr(at, piece));
  }
  return reader.value();
}

// Audio bytes that look like a delimiter's start without being one.
const std::string kTrickyAudio = std::string("ID3\x04\0\r\n--", 9) + "----costgate7MA4YWxk\r\n-" +
                                 std::string(3000, '\xff') + "\r\n\r\n--";

TEST(ElevenLabsMultipartTest, BoundaryComesFromTheContentType) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=abc123"), "abc123");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data;charset=utf-8; Boundary=\"a b\""), "a b");
  EXPECT_EQ(MultipartBoundary("application/json"), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data"), "");
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'x')), "");
}

TEST(ElevenLabsMultipartTest, FindsTheFieldAfterTheFile) {
  const std::string body = FormFile("file", kTrickyAudio) + FormField("model_id", "scribe_v1") +
                           FormField("diarize", "true") + FormEnd();
  EXPECT_EQ(ModelId(body), "scribe_v1");
}

TEST(ElevenLabsMultipartTest, FindsTheFieldBeforeTheFile) {
  const std::string body = FormField("model_id", "eleven_multilingual_sts_v2") +
                           FormFile("audio", kTrickyAudio) + FormEnd();
  EXPECT_EQ(ModelId(body), "eleven_multilingual_sts_v2");
}

TEST(ElevenLabsMultipartTest, EveryByteSplitFindsTheField) {
  const std::string body = FormField("diarize", "false") + FormFile("file", kTrickyAudio) +
                           FormField("model_id", "scribe_v2") + FormEnd();
  for (size_t split = 0; split <= body.size(); ++split) {
    MultipartFieldReader reader(kBoundary, "model_id");
    reader.Feed(std::string_view(body).substr(0, split));
    reader.Feed(std::string_view(body).substr(split));
    EXPECT_EQ(reader.value(), "scribe_v2") << split;
  }
}

TEST(ElevenLabsMultipartTest, ByteAtATimeFindsTheField) {
  const std::string body =
      FormFile("file", kTrickyAudio) + FormField("model_id", "scribe_v1") + FormEnd();
  EXPECT_EQ(ModelId(body, 1), "scribe_v1");
}

TEST(ElevenLabsMultipartTest, AFieldNamedLikeAFilenameIsNotTheField) {
  const std::string body =
      "--" + std::string(kBoundary) +
      "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"model_id\"\r\n\r\nxx\r\n" +
      FormField("model_id_extra", "no") + FormEnd();
  EXPECT_EQ(ModelId(body), std::nullopt);
}

TEST(ElevenLabsMultipartTest, AMissingFieldOrAnUnclosedPartHasNoValue) {
  EXPECT_EQ(ModelId(FormFile("file", kTrickyAudio) + FormEnd()), std::nullopt);
  EXPECT_EQ(ModelId("--" + std::string(kBoundary) +
                    "\r\nContent-Disposition: form-data; name=\"model_id\"\r\n\r\nscribe_v1"),
            std::nullopt);
}

TEST(ElevenLabsMultipartTest, AValueBeyondTheLimitIsDropped) {
  const std::string long_value(MultipartFieldReader::kMaxValueBytes + 1, 'm');
  EXPECT_EQ(ModelId(FormField("model_id", long_value) + FormEnd()), std::nullopt);
  const std::string longest(MultipartFieldReader::kMaxValueBytes, 'm');
  EXPECT_EQ(ModelId(FormField("model_id", longest) + FormEnd()), longest);
}

TEST(ElevenLabsMultipartTest, EndlessPartHeadersAreMalformed) {
  MultipartFieldReader reader(kBoundary, "model_id");
  reader.Feed("--" + std::string(kBoundary) +
              "\r\nX-Pad: " + std::string(MultipartFieldReader::kMaxHeaderBytes, 'p'));
  EXPECT_TRUE(reader.malformed());
  EXPECT_EQ(reader.value(), std::nullopt);
}

TEST(ElevenLabsMultipartTest, FindsTheFieldAfterALargeUpload) {
  // 8 MiB of carriage returns: every byte a possible delimiter start.
  const std::string body = FormField("language_code", "en") +
                           FormFile("file", std::string(8 * 1024 * 1024, '\r')) +
                           FormField("model_id", "scribe_v1") + FormEnd();
  EXPECT_EQ(ModelId(body, 65536), "scribe_v1");
}

}  // namespace
}  // namespace costgate::filters::elevenlabs
