#include "filters/stream/sse_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace costgate::filters::stream {
namespace {

// Records each event's data as the reader streams it.
class Events final : public SseDataConsumer {
 public:
  void OnData(std::string_view piece) noexcept override {
    current_.append(piece);
    ++pieces;
    largest_piece = std::max(largest_piece, piece.size());
  }
  void OnEventEnd() noexcept override {
    done.push_back(current_);
    current_.clear();
  }
  std::vector<std::string> done;
  size_t pieces = 0;
  size_t largest_piece = 0;

 private:
  std::string current_;
};

std::vector<std::string> Read(std::string_view body) {
  Events events;
  SseReader reader(events);
  reader.Feed(body);
  reader.Finish();
  return events.done;
}

using Strings = std::vector<std::string>;

TEST(SseReader, LfLineEndings) {
  EXPECT_EQ(Read("data: {\"a\":1}\n\ndata: {\"b\":2}\n\n"), (Strings{"{\"a\":1}", "{\"b\":2}"}));
}

TEST(SseReader, CrLfLineEndings) {
  EXPECT_EQ(Read("data: {\"a\":1}\r\n\r\ndata: {\"b\":2}\r\n\r\n"),
            (Strings{"{\"a\":1}", "{\"b\":2}"}));
}

TEST(SseReader, CrLineEndings) {
  EXPECT_EQ(Read("data: {\"a\":1}\r\rdata: {\"b\":2}\r\r"), (Strings{"{\"a\":1}", "{\"b\":2}"}));
}

TEST(SseReader, CrLfSplitAcrossChunksEndsOneLine) {
  Events events;
  SseReader reader(events);
  reader.Feed("data: a\r");
  reader.Feed("\ndata: b\r\n\r\n");
  EXPECT_EQ(events.done, (Strings{"a\nb"}));
}

TEST(SseReader, OnlyOneSpaceAfterTheColonIsDropped) {
  EXPECT_EQ(Read("data:x\n\ndata: x\n\ndata:  x\n\n"), (Strings{"x", "x", " x"}));
}

TEST(SseReader, DataLinesOfOneEventJoinWithNewline) {
  EXPECT_EQ(Read("data: {\"a\":\ndata: 1}\n\n"), (Strings{"{\"a\":\n1}"}));
}

TEST(SseReader, CommentsAndOtherFieldsAreSkipped) {
  EXPECT_EQ(Read(": keep-alive\nevent: message\nid: 7\nretry: 100\ndata: x\n\n"), (Strings{"x"}));
}

TEST(SseReader, EventWithoutDataIsNotDispatched) {
  EXPECT_EQ(Read("event: ping\n\n: comment\n\n"), Strings{});
}

TEST(SseReader, DataFieldWithoutColonIsAnEmptyDataLine) {
  EXPECT_EQ(Read("data\n\ndata\ndata: x\n\n"), (Strings{"", "\nx"}));
}

TEST(SseReader, FieldNamesThatOnlyStartLikeDataAreNotData) {
  EXPECT_EQ(Read("database: x\ndat: y\ndata : z\n\n"), Strings{});
}

TEST(SseReader, FinishEndsALastEventThatLacksItsBlankLine) {
  EXPECT_EQ(Read("data: first\r\n\r\ndata: tail"), (Strings{"first", "tail"}));
}

TEST(SseReader, FinishWithoutPendingDataDispatchesNothing) {
  EXPECT_EQ(Read("data: only\n\n: trailing comment"), (Strings{"only"}));
}

TEST(SseReader, PlainJsonBodyHasNoData) {
  EXPECT_EQ(Read("{\n  \"error\": {\n    \"code\": 404,\n    \"status\": \"NOT_FOUND\"\n  }\n}\n"),
            Strings{});
}

TEST(SseReader, EverySplitGivesTheSameEvents) {
  const std::string body =
      ": c\r\ndata: {\"a\":\"x\"}\r\n\r\ndata:{\"b\"\n\ndata: 1\rdata: 2\r\revent: e\r\n"
      "data\n\ndata: end";
  const Strings whole = Read(body);
  ASSERT_EQ(whole, (Strings{"{\"a\":\"x\"}", "{\"b\"", "1\n2", "", "end"}));
  for (size_t cut = 0; cut <= body.size(); ++cut) {
    Events events;
    SseReader reader(events);
    reader.Feed(std::string_view(body).substr(0, cut));
    reader.Feed(std::string_view(body).substr(cut));
    reader.Finish();
    EXPECT_EQ(events.done, whole) << "cut at " << cut;
  }
}

TEST(SseReader, ByteByByteGivesTheSameEvents) {
  const std::string body = "data: {\"a\":1}\r\n\r\n:x\rdata: b\n\n";
  Events events;
  SseReader reader(events);
  for (char c : body) {
    reader.Feed(std::string_view(&c, 1));
  }
  reader.Finish();
  EXPECT_EQ(events.done, (Strings{"{\"a\":1}", "b"}));
}

TEST(SseReader, HugeDataLineStreamsWithoutBuffering) {
  const std::string block(64 * 1024, 'A');
  constexpr size_t kBlocks = 800;  // 50 MiB
  Events events;
  SseReader reader(events);
  reader.Feed("data: ");
  for (size_t i = 0; i < kBlocks; ++i) {
    reader.Feed(block);
  }
  reader.Feed("\r\n\r\n");
  ASSERT_EQ(events.done.size(), 1U);
  EXPECT_EQ(events.done[0].size(), kBlocks * block.size());
  EXPECT_LE(events.largest_piece, block.size());
  EXPECT_LE(reader.BufferHighWater(), 4U);
}

}  // namespace
}  // namespace costgate::filters::stream
