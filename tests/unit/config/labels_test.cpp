// labels.*: every label is text by base/text_rule.h (at most 256 bytes, UTF-8, no control
// characters), from the file or from its environment variable, so central never rejects a
// receipt for a label the operator configured.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/unit/config/load_helpers.h"

namespace costgate::config {
namespace {

struct LabelSetting {
  std::string_view key;
  std::string_view env;
};

constexpr LabelSetting kLabelSettings[] = {
    {"source_app", "COSTGATE_SOURCE_APP"},
    {"workspace", "COSTGATE_WORKSPACE"},
    {"team", "COSTGATE_TEAM"},
    {"project", "COSTGATE_PROJECT"},
    {"environment", "COSTGATE_ENVIRONMENT"},
    {"pod", "COSTGATE_POD"},
};

std::string LabelYaml(std::string_view key, std::string_view double_quoted) {
  return "labels:\n  " + std::string(key) + ": \"" + std::string(double_quoted) + "\"\n";
}

TEST(Labels, EveryLabelTakesTextUpToTheLimit) {
  for (const LabelSetting& label : kLabelSettings) {
    LoadAccepted(LabelYaml(label.key, std::string(256, 'a')));
    LoadAccepted(LabelYaml(label.key, "Zo\\u00eb \\u65e5"));
  }
}

TEST(Labels, EveryLabelRefusesTextBreakingTheRuleNamingItsPath) {
  const std::pair<std::string, std::string_view> bad[] = {
      {std::string(257, 'a'), "a label must be at most 256 bytes"},
      {"a\\x00b", "a label must not contain control characters"},
      {"a\\tb", "a label must not contain control characters"},
      {"a\\x7F", "a label must not contain control characters"},
      {"\\x85", "a label must not contain control characters"},
  };
  for (const LabelSetting& label : kLabelSettings) {
    for (const auto& [value, message] : bad) {
      const std::vector<ConfigError> errors = LoadRejected(LabelYaml(label.key, value));
      ASSERT_EQ(errors.size(), 1u) << label.key << " " << value;
      EXPECT_EQ(errors[0].path, "labels." + std::string(label.key));
      EXPECT_EQ(errors[0].message, message) << label.key << " " << value;
    }
  }
}

TEST(Labels, EveryLabelVariableRefusesTextBreakingTheRuleNamingTheVariable) {
  for (const LabelSetting& label : kLabelSettings) {
    const std::vector<ConfigError> errors =
        LoadRejected("", {{std::string(label.env), std::string("pod\n7")}});
    ASSERT_EQ(errors.size(), 1u) << label.env;
    EXPECT_EQ(errors[0].path, label.env);
    EXPECT_EQ(errors[0].message, "a label must not contain control characters");
  }
}

TEST(Labels, AllBadLabelsAreReportedAtOnce) {
  const std::vector<ConfigError> errors =
      LoadRejected("labels:\n  team: \"a\\x01\"\n  pod: \"" + std::string(300, 'p') + "\"\n");
  EXPECT_EQ(PathsOf(errors), (Paths{"labels.team", "labels.pod"}));
}

}  // namespace
}  // namespace costgate::config
