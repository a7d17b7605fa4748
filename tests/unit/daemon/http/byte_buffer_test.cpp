#include "daemon/http/byte_buffer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

namespace costgate::daemon::http {
namespace {

// Writes `bytes` the way a socket read does: PrepareWrite, copy, Commit.
void Write(ByteBuffer& buffer, std::string_view bytes) {
  const auto [at, room] = buffer.PrepareWrite(bytes.size());
  ASSERT_GE(room, bytes.size());
  std::memcpy(at, bytes.data(), bytes.size());
  buffer.Commit(bytes.size());
}

TEST(ByteBuffer, StartsEmpty) {
  ByteBuffer buffer(16);
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(buffer.size(), 0u);
  EXPECT_EQ(buffer.Readable(), "");
}

TEST(ByteBuffer, CommittedBytesBecomeReadable) {
  ByteBuffer buffer(16);
  Write(buffer, "hello");
  Write(buffer, " world");
  EXPECT_FALSE(buffer.empty());
  EXPECT_EQ(buffer.size(), 11u);
  EXPECT_EQ(buffer.Readable(), "hello world");
}

TEST(ByteBuffer, PrepareWriteOffersAllFreeSpaceWhenItFits) {
  ByteBuffer buffer(32);
  Write(buffer, "0123456789");
  const auto [at, room] = buffer.PrepareWrite(4);
  EXPECT_EQ(room, 22u);
  EXPECT_EQ(at, buffer.Readable().data() + 10);
}

TEST(ByteBuffer, CommitOfLessThanPreparedKeepsOnlyTheCommittedBytes) {
  ByteBuffer buffer(16);
  const auto [at, room] = buffer.PrepareWrite(8);
  ASSERT_GE(room, 8u);
  std::memcpy(at, "abcdefgh", 8);
  buffer.Commit(3);
  EXPECT_EQ(buffer.Readable(), "abc");
}

TEST(ByteBuffer, ConsumeDropsBytesFromTheFront) {
  ByteBuffer buffer(16);
  Write(buffer, "GET / HTTP/1.1");
  buffer.Consume(4);
  EXPECT_EQ(buffer.Readable(), "/ HTTP/1.1");
  EXPECT_EQ(buffer.size(), 10u);
}

TEST(ByteBuffer, ConsumingEverythingRewindsToTheStart) {
  ByteBuffer buffer(16);
  Write(buffer, "0123456789abcdef");
  const char* start = buffer.Readable().data();
  buffer.Consume(16);
  EXPECT_TRUE(buffer.empty());
  const auto [at, room] = buffer.PrepareWrite(16);
  EXPECT_EQ(at, start);
  EXPECT_EQ(room, 16u);
}

TEST(ByteBuffer, PrepareWriteWithoutRoomAtTheEndCompactsInsteadOfGrowing) {
  ByteBuffer buffer(16);
  Write(buffer, "0123456789");
  const char* start = buffer.Readable().data();
  buffer.Consume(6);
  const auto [at, room] = buffer.PrepareWrite(8);
  EXPECT_EQ(buffer.Readable(), "6789");
  EXPECT_EQ(buffer.Readable().data(), start);
  EXPECT_EQ(at, start + 4);
  EXPECT_EQ(room, 12u);
}

TEST(ByteBuffer, PrepareWriteGrowsWhenCompactingIsNotEnough) {
  ByteBuffer buffer(8);
  Write(buffer, "abcdefgh");
  buffer.Consume(2);
  const auto [at, room] = buffer.PrepareWrite(10);
  EXPECT_EQ(buffer.Readable(), "cdefgh");
  EXPECT_EQ(at, buffer.Readable().data() + 6);
  EXPECT_EQ(room, 10u);
}

TEST(ByteBuffer, GrowingFromZeroCapacityWorks) {
  ByteBuffer buffer(0);
  Write(buffer, "abc");
  EXPECT_EQ(buffer.Readable(), "abc");
}

TEST(ByteBuffer, InterleavedWritesAndConsumesKeepTheReadableBytesInOrder) {
  ByteBuffer buffer(7);
  std::string expected;
  for (int i = 0; i < 200; ++i) {
    const std::string piece = std::to_string(i * 7919) + ",";
    Write(buffer, piece);
    expected += piece;
    const size_t take = static_cast<size_t>(i % 5);
    const size_t n = std::min(take, expected.size());
    buffer.Consume(n);
    expected.erase(0, n);
    ASSERT_EQ(buffer.Readable(), expected) << i;
  }
  EXPECT_EQ(buffer.size(), expected.size());
}

}  // namespace
}  // namespace costgate::daemon::http
