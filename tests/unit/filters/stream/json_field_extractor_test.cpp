#include "filters/stream/json_field_extractor.h"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace costgate::filters::stream {
namespace {

constexpr std::array<std::string_view, 2> kKeys = {"usageMetadata", "modelVersion"};

// One unit as the consumer saw it: each key's raw value ("" when absent), "OVERSIZED" when
// dropped for size.
using Unit = std::array<std::string, 2>;

class Units final : public JsonUnitConsumer {
 public:
  void OnUnit(std::span<const JsonCapture> captures) noexcept override {
    Unit unit;
    for (size_t i = 0; i < unit.size(); ++i) {
      unit[i] = captures[i].oversized ? "OVERSIZED" : std::string(captures[i].raw);
    }
    seen.push_back(unit);
  }
  std::vector<Unit> seen;
};

struct Result {
  std::vector<Unit> units;
  uint32_t malformed = 0;
  size_t high_water = 0;
};

Result Extract(std::string_view input, JsonFraming framing = JsonFraming::kValues,
               size_t max_capture = 1024) {
  Units units;
  JsonFieldExtractor extractor(framing, kKeys, max_capture, units);
  extractor.Feed(input);
  extractor.Finish();
  return {units.seen, extractor.malformed(), extractor.BufferHighWater()};
}

using UnitList = std::vector<Unit>;

TEST(JsonFieldExtractor, CapturesTheRawValuesOfChosenFirstLevelKeys) {
  const Result r =
      Extract(R"({"candidates": [{"x": 1}], "usageMetadata": {"promptTokenCount": 14},)"
              R"( "modelVersion": "gemini-2.0-flash-001", "responseId": "r"})");
  EXPECT_EQ(r.units, (UnitList{{R"({"promptTokenCount": 14})", R"("gemini-2.0-flash-001")"}}));
  EXPECT_EQ(r.malformed, 0U);
}

TEST(JsonFieldExtractor, AbsentKeysGiveEmptyCaptures) {
  const Result r = Extract(R"({"responseId": "r"})");
  EXPECT_EQ(r.units, (UnitList{{"", ""}}));
}

TEST(JsonFieldExtractor, EmptyObjectIsAUnit) {
  EXPECT_EQ(Extract("{}").units, (UnitList{{"", ""}}));
}

TEST(JsonFieldExtractor, BracketsQuotesAndEscapesInsideStringsDoNotCount) {
  const Result r =
      Extract(R"({"text": "}]{[ \" \\\" :,", "usageMetadata": {"note": "}\"{", "n": [1, "]"]},)"
              R"( "modelVersion": "m\"}"})");
  EXPECT_EQ(r.units, (UnitList{{R"({"note": "}\"{", "n": [1, "]"]})", R"("m\"}")"}}));
  EXPECT_EQ(r.malformed, 0U);
}

TEST(JsonFieldExtractor, EscapedBackslashBeforeAClosingQuoteEndsTheString) {
  const Result r = Extract(R"({"a": "x\\", "modelVersion": "v"})");
  EXPECT_EQ(r.units, (UnitList{{"", R"("v")"}}));
}

TEST(JsonFieldExtractor, UnicodeIsCopiedByteForByte) {
  const Result r = Extract(
      "{\"t\": \"h\xC3\xA9llo \\u00e9 \xF0\x9F\x98\x80\", "
      "\"modelVersion\": \"\xE6\xA8\xA1\\u578b\"}");
  EXPECT_EQ(r.units, (UnitList{{"", "\"\xE6\xA8\xA1\\u578b\""}}));
}

TEST(JsonFieldExtractor, KeysBelowTheFirstLevelAreNotCaptured) {
  const Result r =
      Extract(R"({"candidates": [{"usageMetadata": {"x": 1}}], "a": {"modelVersion": "deep"}})");
  EXPECT_EQ(r.units, (UnitList{{"", ""}}));
}

TEST(JsonFieldExtractor, KeyNamesAppearingAsValuesAreNotCaptured) {
  const Result r = Extract(R"({"a": "usageMetadata", "b": ["modelVersion", 1]})");
  EXPECT_EQ(r.units, (UnitList{{"", ""}}));
}

TEST(JsonFieldExtractor, EscapedKeysAreNotCompared) {
  const Result r = Extract(R"({"model\u0056ersion": "x"})");
  EXPECT_EQ(r.units, (UnitList{{"", ""}}));
}

TEST(JsonFieldExtractor, ScalarValuesAreCapturedWithoutSurroundingSpace) {
  const Result r = Extract("{\"usageMetadata\": null ,\"modelVersion\":12}");
  EXPECT_EQ(r.units, (UnitList{{"null", "12"}}));
}

TEST(JsonFieldExtractor, RepeatedKeyKeepsTheLastValue) {
  const Result r = Extract(R"({"modelVersion": "a", "modelVersion": "b"})");
  EXPECT_EQ(r.units, (UnitList{{"", R"("b")"}}));
}

TEST(JsonFieldExtractor, ValuesOfConsecutiveObjectsAreSeparateUnits) {
  const Result r = Extract(R"({"modelVersion": "a"} {"usageMetadata": {}})");
  EXPECT_EQ(r.units, (UnitList{{"", R"("a")"}, {"{}", ""}}));
}

TEST(JsonFieldExtractor, ArrayFramingYieldsEachElement) {
  const Result r =
      Extract("[{\n  \"modelVersion\": \"a\"\n}\n,\r\n{\n  \"usageMetadata\": {}\n}\n]",
              JsonFraming::kArray);
  EXPECT_EQ(r.units, (UnitList{{"", R"("a")"}, {"{}", ""}}));
  EXPECT_EQ(r.malformed, 0U);
}

TEST(JsonFieldExtractor, OversizedCaptureIsDroppedAndFlagged) {
  const Result r = Extract(R"({"usageMetadata": {"promptTokenCount": 14}, "modelVersion": "m"})",
                           JsonFraming::kValues, 10);
  EXPECT_EQ(r.units, (UnitList{{"OVERSIZED", R"("m")"}}));
}

TEST(JsonFieldExtractor, OversizedCaptureSplitAcrossChunksIsDroppedWithoutBuffering) {
  Units units;
  JsonFieldExtractor extractor(JsonFraming::kValues, kKeys, 64, units);
  extractor.Feed(R"({"usageMetadata": {"pad": ")");
  const std::string block(4096, ' ');
  for (int i = 0; i < 100; ++i) {
    extractor.Feed(block);
  }
  extractor.Feed(R"("}, "modelVersion": "m"})");
  extractor.Finish();
  EXPECT_EQ(units.seen, (UnitList{{"OVERSIZED", R"("m")"}}));
  EXPECT_LE(extractor.BufferHighWater(), 128U);
}

TEST(JsonFieldExtractor, SkippedValuesAreNotBuffered) {
  Units units;
  JsonFieldExtractor extractor(JsonFraming::kValues, kKeys, 1024, units);
  extractor.Feed(R"({"inlineData": {"data": ")");
  const std::string block(64 * 1024, 'Q');
  for (int i = 0; i < 128; ++i) {  // 8 MiB
    extractor.Feed(block);
  }
  extractor.Feed(R"("}, "modelVersion": "m"})");
  extractor.Finish();
  EXPECT_EQ(units.seen, (UnitList{{"", R"("m")"}}));
  EXPECT_LE(extractor.BufferHighWater(), 64U);
}

TEST(JsonFieldExtractor, GarbageInsideAUnitDropsItAndCountsOnce) {
  Units units;
  JsonFieldExtractor extractor(JsonFraming::kValues, kKeys, 1024, units);
  extractor.Feed(R"({"modelVersion": "bad" ]]] "x" : : {"modelVersion": "inner"})");
  extractor.EndUnit();
  extractor.Feed(R"({"modelVersion": "good"})");
  extractor.EndUnit();
  EXPECT_EQ(units.seen, (UnitList{{"", R"("good")"}}));
  EXPECT_EQ(extractor.malformed(), 1U);
}

TEST(JsonFieldExtractor, MismatchedBracketIsMalformed) {
  const Result r = Extract(R"({"a": [1, 2}, "modelVersion": "m"})");
  EXPECT_EQ(r.units, UnitList{});
  EXPECT_EQ(r.malformed, 1U);
}

TEST(JsonFieldExtractor, MissingColonIsMalformed) {
  const Result r = Extract(R"({"modelVersion" "m"})");
  EXPECT_EQ(r.units, UnitList{});
  EXPECT_EQ(r.malformed, 1U);
}

TEST(JsonFieldExtractor, TrailingCommaIsMalformed) {
  const Result r = Extract(R"({"modelVersion": "m",})");
  EXPECT_EQ(r.units, UnitList{});
  EXPECT_EQ(r.malformed, 1U);
}

TEST(JsonFieldExtractor, UnfinishedUnitAtTheBoundaryIsMalformed) {
  Units units;
  JsonFieldExtractor extractor(JsonFraming::kValues, kKeys, 1024, units);
  extractor.Feed(R"({"modelVersion": "m", "usageMetadata": {"promptTok)");
  extractor.EndUnit();
  extractor.Feed(R"({"modelVersion": "next"})");
  extractor.Finish();
  EXPECT_EQ(units.seen, (UnitList{{"", R"("next")"}}));
  EXPECT_EQ(extractor.malformed(), 1U);
}

TEST(JsonFieldExtractor, NonObjectTopLevelValueIsMalformed) {
  const Result r = Extract("[DONE]");
  EXPECT_EQ(r.units, UnitList{});
  EXPECT_EQ(r.malformed, 1U);
}

TEST(JsonFieldExtractor, ValuesFramingDropsEverythingUpToTheBoundaryAfterGarbage) {
  Units units;
  JsonFieldExtractor extractor(JsonFraming::kValues, kKeys, 1024, units);
  extractor.Feed(R"(xyz {"modelVersion": "same event"})");
  extractor.EndUnit();
  extractor.Feed(R"({"modelVersion": "next event"})");
  extractor.Finish();
  EXPECT_EQ(units.seen, (UnitList{{"", R"("next event")"}}));
  EXPECT_EQ(extractor.malformed(), 1U);
}

TEST(JsonFieldExtractor, ArrayFramingCountsGarbageBetweenElementsOnceAndReadsTheNext) {
  const Result r = Extract(R"([xyz "q{" {"modelVersion": "m"}])", JsonFraming::kArray);
  EXPECT_EQ(r.units, (UnitList{{"", R"("m")"}}));
  EXPECT_EQ(r.malformed, 1U);
}

TEST(JsonFieldExtractor, ArrayFramingResynchronisesAtTheNextElement) {
  const Result r =
      Extract(R"([{"modelVersion": "a" x, "n": [{"k": "}"}]}, 7, {"modelVersion": "b"}])",
              JsonFraming::kArray);
  EXPECT_EQ(r.units, (UnitList{{"", R"("b")"}}));
  EXPECT_EQ(r.malformed, 2U);  // the broken element and the bare 7
}

TEST(JsonFieldExtractor, NestingDeeperThanTheLimitIsMalformed) {
  const size_t depth = JsonFieldExtractor::kMaxDepth + 10;
  // Appended piece by piece: GCC 12 at -O3 warns falsely on `literal + std::string&&`.
  std::string deep = R"([{"a": )";
  deep.append(depth, '[').append(depth, ']');
  deep += R"(, "modelVersion": "m"}, {"modelVersion": "after"}])";
  const Result r = Extract(deep, JsonFraming::kArray);
  EXPECT_EQ(r.units, (UnitList{{"", R"("after")"}}));
  EXPECT_EQ(r.malformed, 1U);
}

TEST(JsonFieldExtractor, NestingUpToTheLimitIsFine) {
  const size_t depth = JsonFieldExtractor::kMaxDepth - 1;
  std::string deep = R"({"a": )";
  deep.append(depth, '[').append(depth, ']');
  deep += R"(, "modelVersion": "m"})";
  const Result r = Extract(deep);
  EXPECT_EQ(r.units, (UnitList{{"", R"("m")"}}));
  EXPECT_EQ(r.malformed, 0U);
}

TEST(JsonFieldExtractor, EverySplitGivesTheSameUnits) {
  const std::string input =
      "[{\"usageMetadata\": {\"a\": \"}\\\"\", \"b\": [1, {\"c\": null}]}, \"modelVersion\": "
      "\"v\\u0031\", \"x\": true}\n,\r\n{\"modelVersion\":7,\"usageMetadata\":false}]";
  const Result whole = Extract(input, JsonFraming::kArray);
  ASSERT_EQ(whole.units,
            (UnitList{{R"({"a": "}\"", "b": [1, {"c": null}]})", R"("v\u0031")"}, {"false", "7"}}));
  for (size_t cut = 0; cut <= input.size(); ++cut) {
    Units units;
    JsonFieldExtractor extractor(JsonFraming::kArray, kKeys, 1024, units);
    extractor.Feed(std::string_view(input).substr(0, cut));
    extractor.Feed(std::string_view(input).substr(cut));
    extractor.Finish();
    EXPECT_EQ(units.seen, whole.units) << "cut at " << cut;
    EXPECT_EQ(extractor.malformed(), 0U) << "cut at " << cut;
  }
}

}  // namespace
}  // namespace costgate::filters::stream
