#include "filters/gemini/usage.h"

#include <gtest/gtest.h>

namespace costgate::filters::gemini {
namespace {

struct Parsed {
  UsageParse result;
  UsageReport report;
};

Parsed Parse(std::string_view raw) {
  UsageParser parser;
  Parsed parsed;
  parsed.result = parser.Parse(raw, parsed.report);
  return parsed;
}

TEST(GeminiUsage, MapsEachCountToItsUnit) {
  const Parsed p = Parse(
      R"({"promptTokenCount": 100, "candidatesTokenCount": 20, "cachedContentTokenCount": 60,)"
      R"( "thoughtsTokenCount": 7, "toolUsePromptTokenCount": 30, "totalTokenCount": 157})");
  ASSERT_EQ(p.result, UsageParse::kReport);
  EXPECT_EQ(p.report.units.ToJson(),
            R"({"input_tokens":100,"output_tokens":20,"cached_input_tokens":60,)"
            R"("thinking_tokens":7,"tool_use_input_tokens":30,"total_tokens":157})");
}

TEST(GeminiUsage, MapsEachDetailsListByModality) {
  const Parsed p = Parse(R"({
    "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1}, {"modality": "IMAGE", "tokenCount": 2},
                            {"modality": "AUDIO", "tokenCount": 3}, {"modality": "VIDEO", "tokenCount": 4},
                            {"modality": "DOCUMENT", "tokenCount": 5},
                            {"modality": "MODALITY_UNSPECIFIED", "tokenCount": 6}],
    "candidatesTokensDetails": [{"modality": "IMAGE", "tokenCount": 1290}],
    "cacheTokensDetails": [{"modality": "AUDIO", "tokenCount": 8}],
    "toolUsePromptTokensDetails": [{"modality": "TEXT", "tokenCount": 9}]})");
  ASSERT_EQ(p.result, UsageParse::kReport);
  EXPECT_EQ(p.report.units.ToJson(),
            R"({"input_text_tokens":1,"input_image_tokens":2,"input_audio_tokens":3,)"
            R"("input_video_tokens":4,"input_document_tokens":5,"input_unspecified_tokens":6,)"
            R"("output_image_tokens":1290,"cached_input_audio_tokens":8,)"
            R"("tool_use_input_text_tokens":9})");
}

TEST(GeminiUsage, EmbeddingsSpellingPromptTokenDetailsIsInputDetails) {
  const Parsed p = Parse(
      R"({"promptTokenCount": 4, "promptTokenDetails": [{"modality": "TEXT", "tokenCount": 4}]})");
  EXPECT_EQ(p.report.units.ToJson(), R"({"input_tokens":4,"input_text_tokens":4})");
}

TEST(GeminiUsage, UnitsComeOutInAFixedOrderWhateverTheWireOrder) {
  const Parsed p = Parse(
      R"({"totalTokenCount": 3, "candidatesTokensDetails": [{"modality": "TEXT", "tokenCount": 2}],)"
      R"( "candidatesTokenCount": 2, "promptTokenCount": 1})");
  EXPECT_EQ(p.report.units.ToJson(),
            R"({"input_tokens":1,"output_tokens":2,"total_tokens":3,"output_text_tokens":2})");
}

TEST(GeminiUsage, AbsentCountsStayAbsent) {
  const Parsed p = Parse(R"({"promptTokenCount": 15, "totalTokenCount": 15})");
  EXPECT_EQ(p.report.units.ToJson(), R"({"input_tokens":15,"total_tokens":15})");
  EXPECT_FALSE(p.report.units.Get("output_tokens").has_value());
}

TEST(GeminiUsage, ZeroIsKeptDistinctFromAbsent) {
  const Parsed p = Parse(R"({"promptTokenCount": 0})");
  ASSERT_EQ(p.result, UsageParse::kReport);
  EXPECT_EQ(p.report.units.Get("input_tokens"), 0);
}

TEST(GeminiUsage, ServiceTierAndTrafficTypeAreKept) {
  const Parsed p =
      Parse(R"({"promptTokenCount": 1, "serviceTier": "flex", "trafficType": "ON_DEMAND_FLEX"})");
  EXPECT_EQ(p.report.service_tier, "flex");
  EXPECT_EQ(p.report.traffic_type, "ON_DEMAND_FLEX");
}

TEST(GeminiUsage, TrafficTypeAloneIsNotAReport) {
  const Parsed p = Parse(R"({"trafficType": "ON_DEMAND"})");
  EXPECT_EQ(p.result, UsageParse::kNoCounts);
  EXPECT_TRUE(p.report.units.empty());
  EXPECT_EQ(p.report.traffic_type, "ON_DEMAND");
}

TEST(GeminiUsage, BillablePromptUsageAloneIsNotAReport) {
  const Parsed p =
      Parse(R"({"billablePromptUsage": {"textCount": 16}, "trafficType": "ON_DEMAND"})");
  EXPECT_EQ(p.result, UsageParse::kNoCounts);
}

TEST(GeminiUsage, NullIsNotAReport) { EXPECT_EQ(Parse("null").result, UsageParse::kNoCounts); }

TEST(GeminiUsage, EmptyObjectIsNotAReport) { EXPECT_EQ(Parse("{}").result, UsageParse::kNoCounts); }

TEST(GeminiUsage, NegativeCountIsMalformed) {
  EXPECT_EQ(Parse(R"({"promptTokenCount": -1})").result, UsageParse::kMalformed);
}

TEST(GeminiUsage, FractionalCountIsMalformed) {
  EXPECT_EQ(Parse(R"({"candidatesTokenCount": 1.5})").result, UsageParse::kMalformed);
}

TEST(GeminiUsage, StringCountIsMalformed) {
  EXPECT_EQ(Parse(R"({"totalTokenCount": "15"})").result, UsageParse::kMalformed);
}

TEST(GeminiUsage, CountBeyondInt64IsMalformed) {
  EXPECT_EQ(Parse(R"({"totalTokenCount": 99999999999999999999})").result, UsageParse::kMalformed);
}

TEST(GeminiUsage, NegativeDetailsCountIsMalformed) {
  EXPECT_EQ(Parse(R"({"promptTokensDetails": [{"modality": "TEXT", "tokenCount": -3}]})").result,
            UsageParse::kMalformed);
}

TEST(GeminiUsage, DetailsThatAreNotAListAreMalformed) {
  EXPECT_EQ(Parse(R"({"promptTokensDetails": {"modality": "TEXT"}})").result,
            UsageParse::kMalformed);
}

TEST(GeminiUsage, NonObjectIsMalformed) {
  EXPECT_EQ(Parse("[1, 2]").result, UsageParse::kMalformed);
  EXPECT_EQ(Parse("17").result, UsageParse::kMalformed);
}

TEST(GeminiUsage, BrokenJsonIsMalformed) {
  EXPECT_EQ(Parse(R"({"promptTokenCount": 1,)").result, UsageParse::kMalformed);
  EXPECT_EQ(Parse(R"({"promptTokenCount" 1})").result, UsageParse::kMalformed);
}

TEST(GeminiUsage, UnknownFieldsAndModalitiesAreIgnored) {
  const Parsed p =
      Parse(R"({"promptTokenCount": 5, "futureTokenCount": {"x": [1]}, "responseTokenCount": 9,)"
            R"( "promptTokensDetails": [{"modality": "SMELL", "tokenCount": 1},)"
            R"( {"modality": "TEXT", "tokenCount": 5, "extra": true}]})");
  ASSERT_EQ(p.result, UsageParse::kReport);
  EXPECT_EQ(p.report.units.ToJson(), R"({"input_tokens":5,"input_text_tokens":5})");
}

TEST(GeminiUsage, EntriesOfOneModalityAddUp) {
  const Parsed p = Parse(
      R"({"promptTokensDetails": [{"modality": "TEXT", "tokenCount": 5}, {"modality": "TEXT", "tokenCount": 6}]})");
  EXPECT_EQ(p.report.units.ToJson(), R"({"input_text_tokens":11})");
}

TEST(GeminiUsage, DetailsEntryWithoutTokenCountIsZero) {
  // proto3 JSON leaves out a zero tokenCount; the entry still says the modality was present.
  const Parsed p = Parse(R"({"candidatesTokensDetails": [{"modality": "IMAGE"}]})");
  EXPECT_EQ(p.report.units.ToJson(), R"({"output_image_tokens":0})");
}

TEST(GeminiUsage, ModalityIsMatchedIgnoringCase) {
  const Parsed p = Parse(R"({"promptTokensDetails": [{"modality": "audio", "tokenCount": 2}]})");
  EXPECT_EQ(p.report.units.ToJson(), R"({"input_audio_tokens":2})");
}

TEST(GeminiUsage, AReusedParserForgetsThePreviousObject) {
  UsageParser parser;
  UsageReport report;
  ASSERT_EQ(
      parser.Parse(R"({"promptTokenCount": 1, "candidatesTokenCount": 2, "serviceTier": "flex"})",
                   report),
      UsageParse::kReport);
  ASSERT_EQ(parser.Parse(R"({"promptTokenCount": 3})", report), UsageParse::kReport);
  EXPECT_EQ(report.units.ToJson(), R"({"input_tokens":3})");
  EXPECT_EQ(report.service_tier, "");
}

TEST(GeminiUsage, UnitNamesAreStaticStrings) {
  UsageParser parser;
  UsageReport first;
  UsageReport second;
  parser.Parse(R"({"promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1}]})", first);
  parser.Parse(R"({"promptTokensDetails": [{"modality": "TEXT", "tokenCount": 2}]})", second);
  EXPECT_EQ(first.units.entries()[0].first.data(), second.units.entries()[0].first.data());
}

TEST(GeminiUsage, ParseStringDecodesEscapes) {
  UsageParser parser;
  std::string out;
  ASSERT_TRUE(parser.ParseString(R"("gemini\u002d2.5-\"pro\"")", out));
  EXPECT_EQ(out, "gemini-2.5-\"pro\"");
  ASSERT_TRUE(parser.ParseString(R"("gemini-2.0-flash-001")", out));
  EXPECT_EQ(out, "gemini-2.0-flash-001");
}

TEST(GeminiUsage, ParseStringRejectsNonStrings) {
  UsageParser parser;
  std::string out;
  EXPECT_FALSE(parser.ParseString("12", out));
  EXPECT_FALSE(parser.ParseString(R"({"a": 1})", out));
  EXPECT_FALSE(parser.ParseString(R"("unterminated\")", out));
}

}  // namespace
}  // namespace costgate::filters::gemini
