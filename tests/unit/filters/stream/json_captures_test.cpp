#include "filters/stream/json_captures.h"

#include <gtest/gtest.h>

#include <array>

namespace costgate::filters::stream {
namespace {

constexpr std::array<std::string_view, 2> kCaptureKeys = {"usageMetadata", "modelVersion"};

TEST(JsonCaptures, MatchesOnlyChosenKeys) {
  const JsonCaptures captures(kCaptureKeys, 64);
  EXPECT_EQ(captures.Match("usageMetadata"), 0);
  EXPECT_EQ(captures.Match("modelVersion"), 1);
  EXPECT_EQ(captures.Match("usagemetadata"), -1);
  EXPECT_EQ(captures.Match(""), -1);
}

TEST(JsonCaptures, ValueAppendedInPiecesIsViewedWhole) {
  JsonCaptures captures(kCaptureKeys, 64);
  captures.Start(1);
  captures.Append(1, "\"gemini-");
  captures.Append(1, "2.5-flash\"");
  captures.End(1);
  const auto view = captures.View();
  ASSERT_EQ(view.size(), 2U);
  EXPECT_EQ(view[0].raw, "");
  EXPECT_EQ(view[1].raw, "\"gemini-2.5-flash\"");
  EXPECT_FALSE(view[1].oversized);
}

TEST(JsonCaptures, UnfinishedValueIsNotViewed) {
  JsonCaptures captures(kCaptureKeys, 64);
  captures.Start(0);
  captures.Append(0, "{\"a\":");
  EXPECT_EQ(captures.View()[0].raw, "");
}

TEST(JsonCaptures, ValueOverTheLimitIsDroppedAndFlagged) {
  JsonCaptures captures(kCaptureKeys, 8);
  captures.Start(0);
  captures.Append(0, "{\"a\":");
  captures.Append(0, "1234}");
  captures.End(0);
  EXPECT_EQ(captures.View()[0].raw, "");
  EXPECT_TRUE(captures.View()[0].oversized);
}

TEST(JsonCaptures, ValueExactlyAtTheLimitIsKept) {
  JsonCaptures captures(kCaptureKeys, 8);
  captures.Start(0);
  captures.Append(0, "{\"a\":12}");
  captures.End(0);
  EXPECT_EQ(captures.View()[0].raw, "{\"a\":12}");
}

TEST(JsonCaptures, RestartingASlotReplacesItsValue) {
  JsonCaptures captures(kCaptureKeys, 8);
  captures.Start(1);
  captures.Append(1, "\"too long value\"");
  captures.End(1);
  captures.Start(1);
  captures.Append(1, "\"b\"");
  captures.End(1);
  EXPECT_EQ(captures.View()[1].raw, "\"b\"");
  EXPECT_FALSE(captures.View()[1].oversized);
}

TEST(JsonCaptures, ClearForgetsEverything) {
  JsonCaptures captures(kCaptureKeys, 64);
  captures.Start(0);
  captures.Append(0, "{}");
  captures.End(0);
  captures.Clear();
  EXPECT_EQ(captures.View()[0].raw, "");
  EXPECT_FALSE(captures.View()[0].oversized);
}

TEST(JsonCaptures, KeysBeyondTheMaximumAreIgnored) {
  const std::array<std::string_view, 5> keys = {"a", "b", "c", "d", "e"};
  JsonCaptures captures(keys, 64);
  EXPECT_EQ(captures.Match("d"), 3);
  EXPECT_EQ(captures.Match("e"), -1);
  EXPECT_EQ(captures.View().size(), JsonCaptures::kMaxKeys);
}

}  // namespace
}  // namespace costgate::filters::stream
