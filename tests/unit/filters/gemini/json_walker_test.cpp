#include "filters/gemini/json_walker.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace costgate::filters::gemini {
namespace {

// Records every event as "<path> <event>".
class Recorder final : public JsonWalkConsumer {
 public:
  std::vector<std::string> events;

  void OnOpen(JsonPath path, bool is_array) noexcept override {
    events.push_back(Join(path) + (is_array ? " [" : " {"));
  }
  void OnClose(JsonPath path, bool is_array) noexcept override {
    events.push_back(Join(path) + (is_array ? " ]" : " }"));
  }
  void OnString(JsonPath path, uint64_t characters) noexcept override {
    events.push_back(Join(path) + " string " + std::to_string(characters));
  }
  void OnScalar(JsonPath path, std::string_view raw) noexcept override {
    events.push_back(Join(path) + " scalar " + std::string(raw));
  }

 private:
  static std::string Join(JsonPath path) {
    std::string out = "/";
    for (std::string_view step : path) {
      out.append(step).append("/");
    }
    return out;
  }
};

std::vector<std::string> Walk(std::string_view json, bool* malformed = nullptr) {
  Recorder recorder;
  JsonWalker walker(recorder);
  walker.Feed(json);
  walker.Finish();
  if (malformed != nullptr) {
    *malformed = walker.malformed();
  }
  return recorder.events;
}

TEST(GeminiJsonWalker, ReportsValuesByTheirPath) {
  const std::vector<std::string> expected = {
      "/ {",   "/a/ [",        "/a/[]/ {", "/a/[]/b/ scalar 4", "/a/[]/ }", "/a/[]/ scalar true",
      "/a/ ]", "/c/ string 2", "/ }"};
  EXPECT_EQ(Walk(R"({"a": [ {"b":4}, true ], "c":"xy"})"), expected);
}

TEST(GeminiJsonWalker, CountsCharactersOfAString) {
  // é as UTF-8 (2 bytes), \n and \u00e9 escapes: 5 characters
  const std::vector<std::string> expected = {"/ string 5"};
  EXPECT_EQ(Walk("\"\xC3\xA9\\n\\u00e9ab\""), expected);
}

TEST(GeminiJsonWalker, EmptyContainersAndKeysWithEscapes) {
  const std::vector<std::string> expected = {"/ {", "/x/ [", "/x/ ]", "/y/ {", "/y/ }", "/ }"};
  EXPECT_EQ(Walk(R"({"x":[],"y":{}})"), expected);
}

TEST(GeminiJsonWalker, AMismatchedBracketIsMalformed) {
  bool malformed = false;
  Walk(R"({"a":[1})", &malformed);
  EXPECT_TRUE(malformed);
}

TEST(GeminiJsonWalker, AnUnclosedDocumentIsMalformed) {
  bool malformed = false;
  Walk(R"({"a":"open)", &malformed);
  EXPECT_TRUE(malformed);
}

TEST(GeminiJsonWalker, ValuesDeeperThanTheLimitAreWalkedButNotReported) {
  std::string json;
  for (size_t i = 0; i < JsonWalker::kMaxDepth + 2; ++i) {
    json += "[";
  }
  json += "7";
  for (size_t i = 0; i < JsonWalker::kMaxDepth + 2; ++i) {
    json += "]";
  }
  bool malformed = true;
  const auto events = Walk(json, &malformed);
  EXPECT_FALSE(malformed);
  for (const std::string& event : events) {
    EXPECT_EQ(event.find("scalar"), std::string::npos) << event;
  }
}

}  // namespace
}  // namespace costgate::filters::gemini
