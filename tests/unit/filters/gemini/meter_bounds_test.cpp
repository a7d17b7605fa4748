// Memory stays bounded however long the stream or large a single value.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "filters/gemini/stream_scanner.h"

namespace costgate::filters::gemini {
namespace {

constexpr size_t kBound = 256 * 1024;

MeterOptions Options(BodyFormat format, bool gzip = false) {
  MeterOptions options;
  options.format = format;
  options.gzip = gzip;
  return options;
}

TEST(GeminiMeterBounds, SseStreamOf200kEventsStaysSmall) {
  StreamScanner scanner(Options(BodyFormat::kSse));
  std::string event;
  constexpr int kEvents = 200000;
  for (int i = 1; i <= kEvents; ++i) {
    event = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"token ";
    event += std::to_string(i);
    event += "\"}],\"role\": \"model\"}}],\"usageMetadata\": {\"promptTokenCount\": 15,";
    event += "\"candidatesTokenCount\": " + std::to_string(i);
    event += ",\"totalTokenCount\": " + std::to_string(15 + i);
    event += "},\"modelVersion\": \"gemini-2.0-flash-001\",\"responseId\": \"r\"}\r\n\r\n";
    scanner.Feed(event);
  }
  scanner.Finish();
  EXPECT_EQ(scanner.usage().units.ToJson(),
            R"({"input_tokens":15,"output_tokens":200000,"total_tokens":200015})");
  EXPECT_EQ(scanner.usage().model_version, "gemini-2.0-flash-001");
  EXPECT_EQ(scanner.usage().malformed, 0U);
  EXPECT_LT(scanner.BufferHighWater(), kBound);
}

TEST(GeminiMeterBounds, JsonBodyWith64MiBStringBeforeUsageStaysSmall) {
  StreamScanner scanner(Options(BodyFormat::kJson));
  scanner.Feed(
      R"({"candidates": [{"content": {"parts": [{"inlineData": {"mimeType": "image/png", "data": ")");
  const std::string block(64 * 1024, 'A');
  for (int i = 0; i < 1024; ++i) {  // 64 MiB
    scanner.Feed(block);
  }
  scanner.Feed(R"("}}]}}], "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 1290,)"
               R"( "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1290}]},)"
               R"( "modelVersion": "gemini-2.5-flash-image"})");
  scanner.Finish();
  EXPECT_EQ(scanner.usage().units.ToJson(),
            R"({"input_tokens":10,"output_tokens":1290,"output_image_tokens":1290})");
  EXPECT_EQ(scanner.usage().model_version, "gemini-2.5-flash-image");
  EXPECT_LT(scanner.BufferHighWater(), kBound);
}

TEST(GeminiMeterBounds, SseEventWith50MiBDataLineStaysSmall) {
  StreamScanner scanner(Options(BodyFormat::kSse));
  scanner.Feed(R"(data: {"candidates": [{"content": {"parts": [{"inlineData": {"data": ")");
  const std::string block(64 * 1024, '/');
  for (int i = 0; i < 800; ++i) {
    scanner.Feed(block);
  }
  scanner.Feed(R"("}}]}}], "usageMetadata": {"promptTokenCount": 7}})");
  scanner.Feed("\r\n\r\n");
  scanner.Finish();
  EXPECT_EQ(scanner.usage().units.ToJson(), R"({"input_tokens":7})");
  EXPECT_LT(scanner.BufferHighWater(), kBound);
}

TEST(GeminiMeterBounds, GzipJsonArrayWith16MiBStringStaysSmall) {
  StreamScanner scanner(Options(BodyFormat::kJsonArray, true));
  z_stream zs{};
  ASSERT_EQ(deflateInit2(&zs, 1, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(64 * 1024, '\0');
  auto compress = [&](std::string_view in, int flush) {
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    do {
      zs.next_out = reinterpret_cast<Bytef*>(out.data());
      zs.avail_out = static_cast<uInt>(out.size());
      deflate(&zs, flush);
      scanner.Feed(std::string_view(out.data(), out.size() - zs.avail_out));
    } while (zs.avail_out == 0);
  };
  compress("[{\"usageMetadata\": {\"promptTokenCount\": 1}}\n,\r\n{\"text\": \"", Z_SYNC_FLUSH);
  std::string block(64 * 1024, 'x');
  for (int i = 0; i < 256; ++i) {
    block[static_cast<size_t>(i)] = 'y';  // keep some entropy in the stream
    compress(block, Z_NO_FLUSH);
  }
  compress("\", \"usageMetadata\": {\"promptTokenCount\": 2}}\n]", Z_FINISH);
  deflateEnd(&zs);
  scanner.Finish();
  EXPECT_EQ(scanner.usage().units.ToJson(), R"({"input_tokens":2})");
  EXPECT_EQ(scanner.usage().malformed, 0U);
  EXPECT_LT(scanner.BufferHighWater(), kBound);
}

TEST(GeminiMeterBounds, OversizedUsageIsNotBuffered) {
  MeterOptions options = Options(BodyFormat::kJson);
  options.max_capture_bytes = 4096;
  StreamScanner scanner(options);
  scanner.Feed(R"({"usageMetadata": {"promptTokenCount": 1, "padding": ")");
  const std::string block(64 * 1024, ' ');
  for (int i = 0; i < 160; ++i) {  // 10 MiB
    scanner.Feed(block);
  }
  scanner.Feed(R"("}})");
  scanner.Finish();
  EXPECT_FALSE(scanner.usage().reported);
  EXPECT_EQ(scanner.usage().oversized, 1U);
  EXPECT_LT(scanner.BufferHighWater(), 2 * options.max_capture_bytes);
}

}  // namespace
}  // namespace costgate::filters::gemini
