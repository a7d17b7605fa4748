#include "config/yaml_document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

TEST(ParseSingleYamlDocument, AnEmptyTextIsANullDocument) {
  for (const char* text : {"", "# only a comment\n", "\n\n"}) {
    const YamlDocument document = ParseSingleYamlDocument(text);
    EXPECT_EQ(document.error, "") << text;
    EXPECT_TRUE(document.root.IsNull()) << text;
  }
}

TEST(ParseSingleYamlDocument, ReadsOneDocumentWithOrWithoutMarkers) {
  for (const char* text : {"listen: {port: 1}\n", "---\nlisten: {port: 1}\n",
                           "%YAML 1.2\n---\nlisten: {port: 1}\n...\n"}) {
    const YamlDocument document = ParseSingleYamlDocument(text);
    ASSERT_EQ(document.error, "") << text;
    EXPECT_EQ(document.root["listen"]["port"].Scalar(), "1") << text;
  }
}

TEST(ParseSingleYamlDocument, MoreThanOneDocumentIsAnError) {
  EXPECT_EQ(ParseSingleYamlDocument("a: 1\n---\nb: 2\n").error,
            "expected one YAML document, got 2");
  EXPECT_EQ(ParseSingleYamlDocument("---\n---\n---\n").error, "expected one YAML document, got 3");
}

TEST(ParseSingleYamlDocument, ASyntaxErrorSaysWhere) {
  EXPECT_EQ(ParseSingleYamlDocument("listen: {port: 1\n").error,
            "YAML syntax error at line 2, column 1: end of map flow not found");
}

// yaml-cpp 0.7's LoadAll never returns on these (jbeder/yaml-cpp#1040): each must be a syntax
// error, at once.
TEST(ParseSingleYamlDocument, AStreamTheParserCannotReadPastIsASyntaxErrorNotAHang) {
  const std::vector<std::string> texts = {
      ",",        ",listen: {port: 80.5}", ", {}", ",[1]", "listen:\n  port: 1\n,\n", "- a\n,\n",
      "---\n,\n", "a: 1\n---\n,"};
  for (const std::string& text : texts) {
    const YamlDocument document = ParseSingleYamlDocument(text);
    EXPECT_TRUE(document.error.starts_with("YAML syntax error at line ")) << text << "\n"
                                                                          << document.error;
  }
  EXPECT_EQ(ParseSingleYamlDocument(",listen: {port: 80}").error,
            "YAML syntax error at line 1, column 1: unexpected token");
}

TEST(ParseSingleYamlDocument, DeepNestingIsAnErrorNotAStackOverflow) {
  for (const std::string& text :
       {std::string(100'000, '['), std::string(20'000, '[') + std::string(20'000, ']'),
        "a: " + std::string(20'000, '{')}) {
    EXPECT_TRUE(ParseSingleYamlDocument(text).error.starts_with("YAML syntax error"))
        << text.substr(0, 20);
  }
}

TEST(LoadConfigFromString, AStreamTheParserCannotReadPastIsOneErrorAtTheDocument) {
  const std::vector<ConfigError> errors = LoadRejected(",listen: {port: 80}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].path, "");
  EXPECT_EQ(errors[0].message, "YAML syntax error at line 1, column 1: unexpected token");
}

}  // namespace
}  // namespace costgate::config
